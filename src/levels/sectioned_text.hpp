#pragma once
// The plain text format shared by the rules file and the action programmes file:
//
//   # a comment: a whole line whose first non-blank character is '#'
//   key = value                 a setting of the file (before the first section)
//   [level maximum_emergency]   a section: the settings below it belong to that level
//   key = value                 a setting of the section
//
// Keys are lower-case letters, digits and '_'; values run to the end of the line, trimmed.
// Blank lines are ignored. Pure.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace outbreak::levels {

struct TextSetting {
  int line = 0;
  std::string key;
  std::string value;
};

struct TextSection {
  int line = 0;
  std::string kind;  // "level"
  std::string name;  // e.g. "maximum_emergency"
  std::vector<TextSetting> settings;
};

struct SectionedText {
  std::vector<TextSetting> settings;  // before the first section
  std::vector<TextSection> sections;
};

// Splits `text` into settings and sections. Lines that are neither are reported in `errors` as
// "FILE:LINE: reason" and skipped.
SectionedText ReadSectionedText(std::string_view text, std::string_view file,
                                std::vector<std::string>& errors);

// Whether `name` is a key: [a-z0-9_]+ starting with a letter.
bool IsKey(std::string_view name);

// Parsers of setting values; nullopt when the text is not one.
std::optional<int> ParseWholeNumber(std::string_view text);
std::optional<double> ParseNumber(std::string_view text);

}  // namespace outbreak::levels
