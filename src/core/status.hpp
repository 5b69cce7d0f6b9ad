#pragma once
// Status and Result<T>: expected failures as values.
//
// A Status is either OK or carries a code, a one-line message and optional details (one line
// each, for example every bad row of an import). Callers test ok() and return early. The HTTP
// layer maps codes to statuses in one place; the CLI prints the message and details on stderr.

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace outbreak {

enum class StatusCode {
  kOk,
  kInvalidArgument,
  kNotFound,
  kConflict,
  kUnauthorised,
  kForbidden,
  kUnavailable,
  kTooManyRequests,
  kInternal,
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  // Details bind by reference so that a message built from them (their count, say) in the same
  // call sees them whole, whatever order the arguments are evaluated in.
  Status(StatusCode code, std::string message, std::vector<std::string>&& details = {})
      : code_(code), message_(std::move(message)), details_(std::move(details)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message, std::vector<std::string>&& details = {}) {
    return Status(StatusCode::kInvalidArgument, std::move(message), std::move(details));
  }
  static Status NotFound(std::string message) {
    return Status(StatusCode::kNotFound, std::move(message));
  }
  static Status Conflict(std::string message) {
    return Status(StatusCode::kConflict, std::move(message));
  }
  static Status Unavailable(std::string message) {
    return Status(StatusCode::kUnavailable, std::move(message));
  }
  static Status Unauthorised(std::string message) {
    return Status(StatusCode::kUnauthorised, std::move(message));
  }
  static Status Forbidden(std::string message) {
    return Status(StatusCode::kForbidden, std::move(message));
  }
  static Status TooManyRequests(std::string message) {
    return Status(StatusCode::kTooManyRequests, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(StatusCode::kInternal, std::move(message));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<std::string>& details() const { return details_; }

  // "invalid argument: message" followed by one indented line per detail.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::vector<std::string> details_;
};

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace outbreak
