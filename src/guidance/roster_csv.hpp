#pragma once
// The roster and needs files, all-or-nothing: any bad row fails the whole file, with every error
// (up to a hundred) as `file:line: field: "value" reason`.
//
//   code,name,position,home[,expertise,available,user]
//
// `expertise` lists fields separated by ';' (agriculture;public_health); `available` is yes or no
// (default yes); `user` links the official to a user name (empty: none).

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "guidance/official.hpp"

namespace outbreak::guidance {

// `check_home` returns "" for a home region it accepts, else the reason ("is not a province").
// Rejects also: unknown positions and expertise, empty names, a code or a user twice.
Result<std::vector<Official>> ParseRosterCsv(
    std::string_view text, std::string_view source,
    const std::function<std::string(std::string_view)>& check_home);

// The needs file: area,needs — the expertise (';'-separated) each area's team must include.
// `check_area` returns "" for an area it knows, else the reason. An area twice is an error.
Result<std::map<std::string, std::vector<std::string>>> ParseNeedsCsv(
    std::string_view text, std::string_view source,
    const std::function<std::string(std::string_view)>& check_area);

}  // namespace outbreak::guidance
