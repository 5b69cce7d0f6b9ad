// The supply's reference data and ledger, as JSON and text.

#include "report/supply_render.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"

namespace outbreak::report {

using boost::json::array;
using boost::json::object;
using boost::json::value;

std::string RenderMedicinesText(std::span<const supply::Medicine> medicines) {
  std::string out = fmt::format("{:<12} {:<18} {:<10} {:<10} {:<9} {:>6}  {}\n", "code", "category",
                                "unit", "storage", "flags", "shelf", "name");
  for (const supply::Medicine& m : medicines) {
    std::string flags;
    if (m.essential) flags += "E";
    if (m.national_reserve) flags += "R";
    out += fmt::format(
        "{:<12} {:<18} {:<10} {:<10} {:<9} {:>6}  {}\n", m.code, supply::CategoryName(m.category),
        m.unit, supply::StorageName(m.storage), flags.empty() ? "-" : flags,
        m.shelf_life_days > 0 ? fmt::format("{} d", m.shelf_life_days) : "-", m.name);
  }
  out += fmt::format("{} medicine(s); flags: E essential, R national reserve\n", medicines.size());
  return out;
}

std::string RenderProtocolsText(std::span<const supply::TreatmentProtocol> protocols) {
  std::string out = fmt::format("{:<12} {:<12} {:>7} {:>10} {:>5}\n", "case type", "medicine",
                                "share", "units/day", "days");
  for (const supply::TreatmentProtocol& p : protocols) {
    out += fmt::format("{:<12} {:<12} {:>7.2f} {:>10.2f} {:>5}\n", p.case_type, p.medicine, p.share,
                       p.units_per_day, p.days);
  }
  out += fmt::format("{} protocol line(s)\n", protocols.size());
  return out;
}

std::string RenderNodesText(std::span<const supply::SupplyNode> nodes) {
  std::string out = fmt::format("{:<18} {:<18} {:<12} {:>14}  {}\n", "node", "kind", "region",
                                "storage units", "name");
  for (const supply::SupplyNode& n : nodes) {
    out += fmt::format(
        "{:<18} {:<18} {:<12} {:>14}  {}\n", n.code, supply::NodeKindName(n.kind), n.region,
        n.storage_capacity_units > 0 ? Count(n.storage_capacity_units) : "unlimited", n.name);
  }
  out += fmt::format("{} node(s)\n", nodes.size());
  return out;
}

std::string RenderLinksText(std::span<const supply::SupplyLink> links) {
  std::string out =
      fmt::format("{:<18} {:<18} {:>8} {:>16}\n", "from", "to", "hours", "units per day");
  for (const supply::SupplyLink& l : links) {
    out += fmt::format("{:<18} {:<18} {:>8.1f} {:>16}\n", l.from, l.to, l.transit_hours,
                       l.daily_capacity_units > 0 ? Count(l.daily_capacity_units) : "unlimited");
  }
  out += fmt::format("{} link(s)\n", links.size());
  return out;
}

std::string RenderReserveText(std::span<const supply::NodeReserveFloor> floors) {
  std::string out = fmt::format("{:<18} {:<12} {:>14}\n", "node", "medicine", "reserve units");
  for (const supply::NodeReserveFloor& f : floors) {
    out += fmt::format("{:<18} {:<12} {:>14}\n", f.node, f.medicine, Count(f.units));
  }
  out += fmt::format("{} reserve floor(s)\n", floors.size());
  return out;
}

std::string RenderCapacitiesText(std::span<const supply::FactoryCapacity> capacities) {
  std::string out = fmt::format("{:<18} {:<12} {:>14}\n", "factory", "medicine", "units per day");
  for (const supply::FactoryCapacity& c : capacities) {
    out += fmt::format("{:<18} {:<12} {:>14}\n", c.node, c.medicine, Count(c.units_per_day));
  }
  out += fmt::format("{} capacity line(s)\n", capacities.size());
  return out;
}

boost::json::object SupplyWriteJson(int64_t added, int64_t updated, int64_t unchanged) {
  return {{"added", added}, {"updated", updated}, {"unchanged", unchanged}};
}

boost::json::object LedgerEntryJson(const supply::LedgerEntry& entry) {
  return {{"id", entry.id},
          {"day", entry.day.ToString()},
          {"node", entry.node},
          {"medicine", entry.medicine},
          {"lot", entry.lot},
          {"kind", supply::EntryKindName(entry.kind)},
          {"quantity", entry.quantity},
          {"reason", entry.reason},
          {"shipment_id", entry.shipment_id != 0 ? value(entry.shipment_id) : value(nullptr)},
          {"reserve_order", entry.reserve_order},
          {"recorded_by", entry.recorded_by},
          {"recorded_at", entry.recorded_at}};
}

std::string RenderLedgerText(std::span<const supply::LedgerEntry> entries) {
  std::string out =
      fmt::format("{:>7} {:<10} {:<18} {:<12} {:<14} {:<12} {:>10} {:>8}  {}\n", "id", "day",
                  "node", "medicine", "lot", "kind", "quantity", "shipment", "reason / by");
  for (const supply::LedgerEntry& e : entries) {
    std::string note = e.reason.empty() ? e.recorded_by : e.reason + " / " + e.recorded_by;
    if (e.reserve_order) note += " [reserve order]";
    out += fmt::format("{:>7} {:<10} {:<18} {:<12} {:<14} {:<12} {:>10} {:>8}  {}\n", e.id,
                       e.day.ToString(), e.node, e.medicine, e.lot, supply::EntryKindName(e.kind),
                       Signed(e.quantity), e.shipment_id != 0 ? std::to_string(e.shipment_id) : "-",
                       note);
  }
  out += fmt::format("{} entr{}\n", entries.size(), entries.size() == 1 ? "y" : "ies");
  return out;
}

}  // namespace outbreak::report
