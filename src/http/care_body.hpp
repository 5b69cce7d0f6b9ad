#pragma once
// Reading the JSON bodies of the care resources: a list under one key, or one item alone, with
// every field checked and every error named (`census[2].occupied: -3 is negative`).

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::http {

class BodyItems {
 public:
  // Parses `body`: {"<list>": [...], "reason": ...} or a single item object.
  static Result<BodyItems> Parse(const std::string& body, const std::string& list);

  size_t size() const { return items_.size(); }
  const std::string& reason() const { return reason_; }
  // Where item `idx` is, for messages: "census[2]", or "census" for a single item.
  std::string Where(size_t idx) const;

  // Field readers: a missing required field, a wrong type or a negative count is an error.
  std::string String(size_t idx, const char* field, bool required);
  int64_t Count(size_t idx, const char* field, bool required);
  std::optional<Date> DateField(size_t idx, const char* field, bool required);
  // Fields not in `known` are errors (a typo must not drop data silently).
  void OnlyKnown(size_t idx, const std::set<std::string>& known);

  void Error(std::string message) { errors_.push_back(std::move(message)); }
  // The errors so far as one kInvalidArgument, or OK.
  Status Check() const;

 private:
  std::string list_;
  bool single_ = false;
  std::vector<boost::json::object> items_;
  std::string reason_;
  std::vector<std::string> errors_;
};

}  // namespace outbreak::http
