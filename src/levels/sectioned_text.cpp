#include "levels/sectioned_text.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace outbreak::levels {

namespace {

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

}  // namespace

bool IsKey(std::string_view name) {
  if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::optional<int> ParseWholeNumber(std::string_view text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

SectionedText ReadSectionedText(std::string_view text, std::string_view file,
                                std::vector<std::string>& errors) {
  SectionedText out;
  int line_no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = Trim(text.substr(start, end - start));
    ++line_no;
    start = end + 1;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      const std::string_view inner =
          line.back() == ']' ? Trim(line.substr(1, line.size() - 2)) : std::string_view();
      const size_t space = inner.find_first_of(" \t");
      const std::string_view kind = Trim(inner.substr(0, space));
      const std::string_view name =
          space == std::string_view::npos ? std::string_view() : Trim(inner.substr(space));
      if (line.back() != ']' || kind != "level" || !IsKey(name)) {
        errors.push_back(fmt::format(
            "{}:{}: section: \"{}\" is not [level KEY] (KEY: lower-case letters, digits, _)", file,
            line_no, line));
        // The settings below still belong to a section, so they are not taken for the file's.
        out.sections.push_back({line_no, "", "", {}});
        continue;
      }
      out.sections.push_back({line_no, std::string(kind), std::string(name), {}});
      continue;
    }
    const size_t equals = line.find('=');
    const std::string_view key =
        equals == std::string_view::npos ? line : Trim(line.substr(0, equals));
    if (equals == std::string_view::npos || !IsKey(key)) {
      errors.push_back(fmt::format(
          "{}:{}: \"{}\" is not a comment, a [level KEY] section or a KEY = VALUE setting", file,
          line_no, line));
      continue;
    }
    TextSetting setting{line_no, std::string(key), std::string(Trim(line.substr(equals + 1)))};
    if (out.sections.empty()) {
      out.settings.push_back(std::move(setting));
    } else {
      out.sections.back().settings.push_back(std::move(setting));
    }
  }
  return out;
}

}  // namespace outbreak::levels
