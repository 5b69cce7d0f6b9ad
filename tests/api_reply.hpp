#pragma once
// Small helpers every API test uses on a request and its reply: the bearer header, a reply for a
// failure message, and whether a body mentions a text.

#include <string>

#include "http_client.hpp"

namespace outbreak::testing {

inline Headers Bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// "STATUS BODY", or why there was no answer.
inline std::string Describe(const HttpReply& reply) {
  return reply.status == 0 ? "no answer: " + reply.error
                           : std::to_string(reply.status) + " " + reply.body;
}

inline bool Mentions(const HttpReply& reply, const std::string& text) {
  return reply.body.find(text) != std::string::npos;
}

}  // namespace outbreak::testing
