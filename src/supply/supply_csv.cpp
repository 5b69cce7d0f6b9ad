#include "supply/supply_csv.hpp"

#include <charconv>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/csv_rows.hpp"

namespace outbreak::supply {

namespace {

// Codes go into URLs and file names.
void CheckCode(CsvRows& rows, std::string_view column, std::set<std::string>* seen) {
  const std::string_view code = rows.Field(column);
  if (code.empty()) {
    rows.Error(column, code, "is empty");
  } else if (code.find_first_of(" \t/\\?#%") != std::string_view::npos) {
    rows.Error(column, code, "contains a space or one of / \\ ? # %");
  } else if (seen != nullptr && !seen->insert(std::string(code)).second) {
    rows.Error(column, code, "appears twice in the file");
  }
}

}  // namespace

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

Result<LedgerFile> ParseLedgerCsv(std::string_view text, std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"day", "node", "medicine", "kind", "quantity"},
                             {"lot", "expiry", "maker", "reason", "movement"});
      !s.ok()) {
    return s;
  }
  // A line without a movement id is identified by the file's text and its line: the same file
  // posted again is recognised, whatever its name.
  const std::string document = fmt::format("file:{:016x}", Digest(text));
  std::set<std::string> movements;
  LedgerFile out;
  std::map<std::pair<std::string, std::string>, Lot> lots;
  while (rows.Next()) {
    PostRequest request;
    request.day = rows.DateField("day");
    CheckCode(rows, "node", nullptr);
    CheckCode(rows, "medicine", nullptr);
    request.node = std::string(rows.Field("node"));
    request.medicine = std::string(rows.Field("medicine"));
    if (auto kind = ParseEntryKind(rows.Field("kind"))) {
      request.kind = *kind;
    } else {
      rows.Error("kind", rows.Field("kind"),
                 "is not receipt, production, issue, adjustment, expiry or loss");
    }
    if (request.kind == EntryKind::kTransferIn || request.kind == EntryKind::kTransferOut) {
      rows.Error("kind", rows.Field("kind"), "transfers are made by shipments, not by hand");
    }
    const std::string_view quantity = rows.Field("quantity");
    int64_t value = 0;
    auto [ptr, ec] = std::from_chars(quantity.data(), quantity.data() + quantity.size(), value);
    if (quantity.empty() || ec != std::errc() || ptr != quantity.data() + quantity.size()) {
      rows.Error("quantity", quantity, "is not a whole number");
    } else if (value == 0 || (value < 0 && request.kind != EntryKind::kAdjustment)) {
      rows.Error("quantity", quantity,
                 request.kind == EntryKind::kAdjustment ? "is zero" : "must be more than 0");
    }
    request.quantity = value;
    request.lot = std::string(rows.Field("lot"));
    request.reason = std::string(rows.Field("reason"));
    request.movement = std::string(rows.Field("movement"));
    if (request.movement.empty()) {
      request.movement = fmt::format("{}:{}", document, rows.line());
    } else if (request.movement.size() > 200) {
      rows.Error("movement", request.movement, "is longer than 200 characters");
    } else if (!movements.insert(request.movement).second) {
      rows.Error("movement", request.movement, "appears twice in the file");
    }
    if (!rows.Field("expiry").empty()) {
      Lot lot{request.medicine, request.lot, rows.DateField("expiry"),
              std::string(rows.Field("maker"))};
      if (lot.lot.empty()) rows.Error("lot", "", "an expiry needs the lot it belongs to");
      auto [found, added] = lots.emplace(std::make_pair(lot.medicine, lot.lot), lot);
      if (!added && found->second.expiry != lot.expiry) {
        rows.Error("expiry", rows.Field("expiry"),
                   "differs from the expiry given for this lot on an earlier line");
      }
    }
    out.requests.push_back(std::move(request));
    out.lines.push_back(rows.line());
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  for (auto& [key, lot] : lots) out.lots.push_back(std::move(lot));
  return out;
}

}  // namespace outbreak::supply
