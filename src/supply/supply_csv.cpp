#include "supply/supply_csv.hpp"

#include <charconv>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "record/record_csv.hpp"

namespace outbreak::supply {

namespace {

// FNV-1a, 64 bits: a stable digest of a file's text (the same on every machine and build).
uint64_t Digest(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace

void LedgerLines::Check(const MovementLine& line, const record::Problem& problem) {
  if (!line.movement.empty() && !movements_.insert(line.movement).second) {
    problem("movement", "appears twice");
  }
  if (line.expiry && !line.lot.empty()) {
    auto [found, added] = expiries_.try_emplace({line.medicine, line.lot}, *line.expiry);
    if (!added && found->second != *line.expiry) {
      problem("expiry", fmt::format("differs from the expiry {} given for lot {} before",
                                    found->second.ToString(), line.lot));
    }
  }
}

LedgerFile ToLedger(std::vector<MovementLine> lines) {
  LedgerFile out;
  std::set<std::pair<std::string, std::string>> lots;
  for (MovementLine& line : lines) {
    if (line.expiry && lots.insert({line.medicine, line.lot}).second) {
      out.lots.push_back({line.medicine, line.lot, *line.expiry, line.maker});
    }
    PostRequest request;
    request.kind = line.kind;
    request.node = std::move(line.node);
    request.medicine = std::move(line.medicine);
    request.lot = std::move(line.lot);
    request.quantity = line.quantity;
    request.day = line.day;
    request.reason = std::move(line.reason);
    request.movement = std::move(line.movement);
    out.requests.push_back(std::move(request));
  }
  return out;
}

Result<LedgerFile> ParseLedgerCsv(std::string_view text, std::string_view source) {
  LedgerLines across;
  std::vector<int> lines;
  auto read = record::ReadCsv(MovementRecord(), text, source, across.Checker(), &lines);
  if (!read.ok()) return read.status();
  LedgerFile out = ToLedger(std::move(*read));
  // A line without a movement id is identified by the file's text and its line: the same file
  // posted again is recognised, whatever its name.
  const std::string document = fmt::format("file:{:016x}", Digest(text));
  for (size_t idx = 0; idx < out.requests.size(); ++idx) {
    std::string& movement = out.requests[idx].movement;
    if (movement.empty()) movement = fmt::format("{}:{}", document, lines[idx]);
  }
  out.lines = std::move(lines);
  return out;
}

}  // namespace outbreak::supply
