#include "http/care_body.hpp"

#include <fmt/format.h>

#include "record/json_number.hpp"

namespace outbreak::http {

namespace {

constexpr size_t kMaxItems = 10'000;

}  // namespace

Result<BodyItems> BodyItems::Parse(const std::string& body, const std::string& list) {
  boost::system::error_code ec;
  boost::json::value json = boost::json::parse(body, ec);
  if (ec) return Status::InvalidArgument(fmt::format("malformed JSON: {}", ec.message()));
  if (!json.is_object()) return Status::InvalidArgument("the body must be a JSON object");
  BodyItems out;
  out.list_ = list;
  const boost::json::object& root = json.as_object();
  if (const boost::json::value* reason = root.if_contains("reason")) {
    if (!reason->is_string()) return Status::InvalidArgument("reason: must be a string");
    out.reason_ = std::string(reason->as_string());
  }
  const boost::json::value* items = root.if_contains(list);
  if (items == nullptr) {
    out.single_ = true;
    out.items_.push_back(root);
    out.items_.back().erase("reason");
    return out;
  }
  if (!items->is_array()) return Status::InvalidArgument(fmt::format("{}: must be an array", list));
  if (items->as_array().empty()) return Status::InvalidArgument(fmt::format("{}: is empty", list));
  if (items->as_array().size() > kMaxItems) {
    return Status::InvalidArgument(
        fmt::format("{}: more than {} in one request; split them", list, kMaxItems));
  }
  for (size_t idx = 0; idx < items->as_array().size(); ++idx) {
    const boost::json::value& item = items->as_array()[idx];
    if (!item.is_object()) {
      out.errors_.push_back(fmt::format("{}[{}]: must be an object", list, idx));
      out.items_.emplace_back();
    } else {
      out.items_.push_back(item.as_object());
    }
  }
  for (const auto& [key, value] : root) {
    if (key != list && key != "reason") {
      out.errors_.push_back(fmt::format("{}: is not a known field", std::string(key)));
    }
  }
  return out;
}

std::string BodyItems::Where(size_t idx) const {
  return single_ ? list_ : fmt::format("{}[{}]", list_, idx);
}

std::string BodyItems::String(size_t idx, const char* field, bool required) {
  const boost::json::value* value = items_[idx].if_contains(field);
  if (value == nullptr || value->is_null()) {
    if (required) errors_.push_back(fmt::format("{}.{}: is missing", Where(idx), field));
    return "";
  }
  if (!value->is_string()) {
    errors_.push_back(fmt::format("{}.{}: {} is not a string", Where(idx), field,
                                  boost::json::serialize(*value)));
    return "";
  }
  return std::string(value->as_string());
}

int64_t BodyItems::Count(size_t idx, const char* field, bool required) {
  const boost::json::value* value = items_[idx].if_contains(field);
  if (value == nullptr || value->is_null()) {
    if (required) errors_.push_back(fmt::format("{}.{}: is missing", Where(idx), field));
    return 0;
  }
  std::string reason;
  std::optional<int64_t> count = record::JsonCount(*value, reason);
  if (!count) errors_.push_back(fmt::format("{}.{}: {}", Where(idx), field, reason));
  return count.value_or(0);
}

std::optional<Date> BodyItems::DateField(size_t idx, const char* field, bool required) {
  const boost::json::value* value = items_[idx].if_contains(field);
  if (value == nullptr || value->is_null()) {
    if (required) errors_.push_back(fmt::format("{}.{}: is missing", Where(idx), field));
    return std::nullopt;
  }
  std::optional<Date> date;
  if (value->is_string()) date = Date::Parse(value->as_string());
  if (!date) {
    errors_.push_back(fmt::format("{}.{}: {} is not a date (expected \"YYYY-MM-DD\")", Where(idx),
                                  field, boost::json::serialize(*value)));
  }
  return date;
}

void BodyItems::OnlyKnown(size_t idx, const std::set<std::string>& known) {
  for (const auto& [key, value] : items_[idx]) {
    if (!known.contains(std::string(key))) {
      errors_.push_back(fmt::format("{}.{}: is not a known field", Where(idx), std::string(key)));
    }
  }
}

Status BodyItems::Check() const {
  if (errors_.empty()) return Status::Ok();
  std::vector<std::string> errors = errors_;
  std::string message = fmt::format("{} error(s) in the body; nothing was written", errors.size());
  return Status::InvalidArgument(std::move(message), std::move(errors));
}

}  // namespace outbreak::http
