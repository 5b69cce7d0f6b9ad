#pragma once
// Number and date formatting shared by the text and Markdown renderers.

#include <cstdint>
#include <string>

#include "core/date.hpp"

namespace outbreak::report {

// 219030 -> "219,030"
std::string Count(int64_t value);
// A change: "+1,204", "-35", "0"
std::string Signed(int64_t value);
// One decimal with thousands separators: 31289.4 -> "31,289.4"
std::string Decimal(double value);
// 2022-05-20 -> "20 May 2022"
std::string LongDate(Date date);
// "persons" / "person"
std::string Persons(int64_t value);

}  // namespace outbreak::report
