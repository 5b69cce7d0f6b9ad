#include "record/record.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace outbreak::record {

namespace {

std::string Bound(double value) { return fmt::format("{}", value); }

std::string ChoiceList(const std::vector<std::string>& choices) {
  std::string out;
  for (size_t idx = 0; idx < choices.size(); ++idx) {
    out += idx == 0 ? "" : idx + 1 == choices.size() ? " or " : ", ";
    out += choices[idx];
  }
  return out;
}

}  // namespace

std::optional<std::string> Refusal(const FieldSpec& field, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    if (field.required) return std::string("is empty");
    return std::nullopt;
  }
  switch (field.kind) {
    case Kind::kCode: {
      const std::string& code = std::get<std::string>(value);
      if (code.find_first_of(" \t\r\n/\\?#%=,;|") != std::string::npos) {
        return std::string("contains a space or one of / \\ ? # % = , ; |");
      }
      if (code.size() > field.MaxLength()) {
        return fmt::format("is longer than {} characters", field.MaxLength());
      }
      return std::nullopt;
    }
    case Kind::kText:
    case Kind::kScalar:
      if (std::get<std::string>(value).size() > field.MaxLength()) {
        return fmt::format("is longer than {} characters", field.MaxLength());
      }
      return std::nullopt;
    case Kind::kWhole: {
      const auto number = static_cast<double>(std::get<int64_t>(value));
      if (number < field.min) {
        return field.min == 0 ? std::string("is negative") : "is less than " + Bound(field.min);
      }
      if (number > field.max) return "is more than " + Bound(field.max);
      return std::nullopt;
    }
    case Kind::kNumber: {
      const double number = std::get<double>(value);
      if (field.above_min && number <= field.min) {
        return fmt::format("must be more than {} and at most {}", field.min, field.max);
      }
      if (number < field.min) {
        return field.min == 0 ? std::string("is negative") : "is less than " + Bound(field.min);
      }
      if (number > field.max) return "is more than " + Bound(field.max);
      return std::nullopt;
    }
    case Kind::kChoice: {
      const std::string& text = std::get<std::string>(value);
      for (const std::string& choice : field.choices) {
        if (choice == text) return std::nullopt;
      }
      return "is not " + ChoiceList(field.choices);
    }
    case Kind::kChoices:
      for (const std::string& name : std::get<std::vector<std::string>>(value)) {
        bool known = false;
        for (const std::string& choice : field.choices) known = known || choice == name;
        if (!known) return "has \"" + name + "\", which is not " + ChoiceList(field.choices);
      }
      return std::nullopt;
    case Kind::kFlag:
    case Kind::kDate:
    case Kind::kItems:  // each item is checked by its own declaration
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Value> FromText(const FieldSpec& field, std::string_view text, std::string& reason) {
  if (text.empty()) return Value();
  switch (field.kind) {
    case Kind::kCode:
    case Kind::kText:
    case Kind::kScalar:
    case Kind::kChoice:
      return Value(std::string(text));
    case Kind::kWhole: {
      int64_t number = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec == std::errc::result_out_of_range) {
        reason = text.front() == '-' ? "is negative" : "is more than " + Bound(field.max);
        return std::nullopt;
      }
      if (ec != std::errc() || end != text.data() + text.size()) {
        reason = "is not a whole number";
        return std::nullopt;
      }
      return Value(number);
    }
    case Kind::kNumber: {
      double number = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
      if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(number)) {
        reason = "is not a number";
        return std::nullopt;
      }
      return Value(number);
    }
    case Kind::kFlag:
      if (text == "true" || text == "yes" || text == "1") return Value(true);
      if (text == "false" || text == "no" || text == "0") return Value(false);
      reason = "is not true or false";
      return std::nullopt;
    case Kind::kDate:
      if (std::optional<Date> date = Date::Parse(text)) return Value(*date);
      reason = "is not a date (expected YYYY-MM-DD)";
      return std::nullopt;
    case Kind::kChoices: {
      std::vector<std::string> names;
      size_t start = 0;
      while (start <= text.size()) {
        size_t end = text.find_first_of(";|", start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view name = text.substr(start, end - start);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!name.empty()) names.emplace_back(name);
        start = end + 1;
      }
      return Value(std::move(names));
    }
    case Kind::kItems:
      reason = "is a list of records, not in a file";
      return std::nullopt;
  }
  return std::nullopt;
}

std::string ToText(const Value& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(const std::string& text) const { return text; }
    std::string operator()(int64_t number) const { return std::to_string(number); }
    std::string operator()(double number) const { return fmt::format("{}", number); }
    std::string operator()(bool flag) const { return flag ? "true" : "false"; }
    std::string operator()(const Date& date) const { return date.ToString(); }
    std::string operator()(const std::vector<std::string>& names) const {
      std::string out;
      for (const std::string& name : names) out += (out.empty() ? "" : ";") + name;
      return out;
    }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace outbreak::record
