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

Result<std::vector<Medicine>> ParseMedicinesCsv(std::string_view text, std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header(
          {"code", "name", "unit", "category"},
          {"name_local", "form", "essential", "national_reserve", "storage", "shelf_life_days"});
      !s.ok()) {
    return s;
  }
  std::vector<Medicine> out;
  std::set<std::string> codes;
  while (rows.Next()) {
    Medicine medicine;
    CheckCode(rows, "code", &codes);
    medicine.code = std::string(rows.Field("code"));
    medicine.name = std::string(rows.Field("name"));
    if (medicine.name.empty()) rows.Error("name", "", "is empty");
    medicine.name_local = std::string(rows.Field("name_local"));
    medicine.form = std::string(rows.Field("form"));
    medicine.unit = std::string(rows.Field("unit"));
    if (medicine.unit.empty()) rows.Error("unit", "", "is empty");
    if (auto category = ParseCategory(rows.Field("category"))) {
      medicine.category = *category;
    } else {
      rows.Error("category", rows.Field("category"), "is not one of " + CategoryNames());
    }
    medicine.essential = rows.Flag("essential");
    medicine.national_reserve = rows.Flag("national_reserve");
    if (!rows.Field("storage").empty()) {
      if (auto storage = ParseStorage(rows.Field("storage"))) {
        medicine.storage = *storage;
      } else {
        rows.Error("storage", rows.Field("storage"), "is not ambient, cool or cold_chain");
      }
    }
    medicine.shelf_life_days = static_cast<int32_t>(rows.Count("shelf_life_days", false));
    out.push_back(std::move(medicine));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

Result<std::vector<TreatmentProtocol>> ParseProtocolsCsv(std::string_view text,
                                                         std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"case_type", "medicine", "units_per_day", "days"}, {"share"});
      !s.ok()) {
    return s;
  }
  std::vector<TreatmentProtocol> out;
  std::set<std::pair<std::string, std::string>> seen;
  while (rows.Next()) {
    TreatmentProtocol protocol;
    protocol.case_type = std::string(rows.Field("case_type"));
    if (protocol.case_type.empty()) rows.Error("case_type", "", "is empty");
    protocol.medicine = std::string(rows.Field("medicine"));
    if (protocol.medicine.empty()) rows.Error("medicine", "", "is empty");
    if (!seen.insert({protocol.case_type, protocol.medicine}).second) {
      rows.Error("medicine", protocol.medicine,
                 "is listed twice for case type " + protocol.case_type);
    }
    protocol.share = rows.Number("share", false, 1);
    if (protocol.share <= 0 || protocol.share > 1) {
      rows.Error("share", rows.Field("share"), "must be more than 0 and at most 1");
    }
    protocol.units_per_day = rows.Number("units_per_day", true, 1);
    if (protocol.units_per_day <= 0) {
      rows.Error("units_per_day", rows.Field("units_per_day"), "must be more than 0");
    }
    protocol.days = static_cast<int32_t>(rows.Count("days"));
    if (protocol.days < 1 || protocol.days > 365) {
      rows.Error("days", rows.Field("days"), "must be 1 to 365");
    }
    out.push_back(std::move(protocol));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

Result<std::vector<SupplyNode>> ParseNodesCsv(std::string_view text, std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"code", "name", "kind", "region"}, {"storage_capacity_units"});
      !s.ok()) {
    return s;
  }
  std::vector<SupplyNode> out;
  std::set<std::string> codes;
  while (rows.Next()) {
    SupplyNode node;
    CheckCode(rows, "code", &codes);
    node.code = std::string(rows.Field("code"));
    node.name = std::string(rows.Field("name"));
    if (node.name.empty()) rows.Error("name", "", "is empty");
    if (auto kind = ParseNodeKind(rows.Field("kind"))) {
      node.kind = *kind;
    } else {
      rows.Error("kind", rows.Field("kind"),
                 "is not factory, central_base, provincial_centre, county_base or pharmacy");
    }
    node.region = std::string(rows.Field("region"));
    if (node.region.empty()) rows.Error("region", "", "is empty");
    node.storage_capacity_units = rows.Count("storage_capacity_units", false);
    out.push_back(std::move(node));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

Result<std::vector<SupplyLink>> ParseLinksCsv(std::string_view text, std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"from", "to", "transit_hours"}, {"daily_capacity_units"}); !s.ok()) {
    return s;
  }
  std::vector<SupplyLink> out;
  std::set<std::pair<std::string, std::string>> pairs;
  while (rows.Next()) {
    SupplyLink link;
    CheckCode(rows, "from", nullptr);
    CheckCode(rows, "to", nullptr);
    link.from = std::string(rows.Field("from"));
    link.to = std::string(rows.Field("to"));
    if (!link.from.empty() && link.from == link.to) {
      rows.Error("to", link.to, "is the same node as from");
    }
    if (!pairs.insert({link.from, link.to}).second) {
      rows.Error("to", link.to, "this link appears twice in the file");
    }
    link.transit_hours = rows.Number("transit_hours");
    link.daily_capacity_units = rows.Count("daily_capacity_units", false);
    out.push_back(std::move(link));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

Result<std::vector<NodeReserveFloor>> ParseReserveCsv(std::string_view text,
                                                      std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"node", "medicine", "units"}, {}); !s.ok()) return s;
  std::vector<NodeReserveFloor> out;
  std::set<std::pair<std::string, std::string>> seen;
  while (rows.Next()) {
    NodeReserveFloor floor{std::string(rows.Field("node")), std::string(rows.Field("medicine")),
                           rows.Count("units")};
    CheckCode(rows, "node", nullptr);
    CheckCode(rows, "medicine", nullptr);
    if (!seen.insert({floor.node, floor.medicine}).second) {
      rows.Error("medicine", floor.medicine, "is listed twice for node " + floor.node);
    }
    out.push_back(std::move(floor));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

Result<std::vector<FactoryCapacity>> ParseCapacitiesCsv(std::string_view text,
                                                        std::string_view source) {
  CsvRows rows(text, source);
  if (Status s = rows.Header({"node", "medicine", "units_per_day"}, {}); !s.ok()) return s;
  std::vector<FactoryCapacity> out;
  std::set<std::pair<std::string, std::string>> seen;
  while (rows.Next()) {
    FactoryCapacity capacity{std::string(rows.Field("node")), std::string(rows.Field("medicine")),
                             rows.Count("units_per_day")};
    CheckCode(rows, "node", nullptr);
    CheckCode(rows, "medicine", nullptr);
    if (!seen.insert({capacity.node, capacity.medicine}).second) {
      rows.Error("medicine", capacity.medicine, "is listed twice for node " + capacity.node);
    }
    out.push_back(std::move(capacity));
  }
  if (Status s = rows.Finish(); !s.ok()) return s;
  return out;
}

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
