#pragma once
// The one mapping from Status to HTTP, and JSON responses.
//
// Errors have the body {"error": {"code": "...", "message": "...", "details": [...]}}; internal
// errors say only that something went wrong (the details go to the log, never to the client).

#include <boost/json/value.hpp>

#include "core/status.hpp"
#include "http/http_types.hpp"

namespace outbreak::http {

// 400 invalid argument, 401 unauthorised, 403 forbidden, 404 not found, 409 conflict,
// 429 too many requests, 503 unavailable, else 500.
int HttpStatusFor(StatusCode code);

HttpResponse JsonResponse(int status, const boost::json::value& body);
HttpResponse ErrorResponse(const Status& status);
// An error with an HTTP status of its own (405, 413, 415 ...).
HttpResponse ErrorResponse(int http_status, const std::string& code, const std::string& message);

}  // namespace outbreak::http
