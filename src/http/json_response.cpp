#include "http/json_response.hpp"

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

namespace outbreak::http {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthorised:
      return 401;
    case StatusCode::kForbidden:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kTooManyRequests:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse JsonResponse(int status, const boost::json::value& body) {
  HttpResponse response;
  response.status = status;
  response.body = boost::json::serialize(body);
  return response;
}

HttpResponse ErrorResponse(int http_status, const std::string& code, const std::string& message) {
  return JsonResponse(
      http_status,
      boost::json::object{
          {"error", boost::json::object{
                        {"code", code}, {"message", message}, {"details", boost::json::array{}}}}});
}

HttpResponse ErrorResponse(const Status& status) {
  const int http_status = HttpStatusFor(status.code());
  if (http_status == 500) {
    spdlog::error("internal error: {}", status.ToString());
    return ErrorResponse(500, "internal", "an internal error occurred; it has been logged");
  }
  if (http_status == 503) {
    // Messages of kUnavailable are plain (the store logs the driver's text and keeps it).
    spdlog::warn("unavailable: {}", status.ToString());
    HttpResponse response = ErrorResponse(503, "unavailable", status.message());
    response.headers.emplace_back("Retry-After", "5");
    return response;
  }
  boost::json::array details;
  for (const std::string& detail : status.details()) details.emplace_back(detail);
  return JsonResponse(
      http_status,
      boost::json::object{{"error", boost::json::object{{"code", StatusCodeName(status.code())},
                                                        {"message", status.message()},
                                                        {"details", std::move(details)}}}});
}

}  // namespace outbreak::http
