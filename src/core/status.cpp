#include "core/status.hpp"

namespace outbreak {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kConflict:
      return "conflict";
    case StatusCode::kUnauthorised:
      return "unauthorised";
    case StatusCode::kForbidden:
      return "forbidden";
    case StatusCode::kUnavailable:
      return "unavailable";
    case StatusCode::kTooManyRequests:
      return "too_many_requests";
    case StatusCode::kInternal:
      return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = message_;
  for (const std::string& detail : details_) {
    out += "\n  ";
    out += detail;
  }
  return out;
}

}  // namespace outbreak
