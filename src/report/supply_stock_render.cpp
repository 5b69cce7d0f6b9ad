// Stock, days of cover, demand, a lot recall and shipments, as JSON and text.

#include <cmath>
#include <numeric>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "report/format.hpp"
#include "report/supply_render.hpp"

namespace outbreak::report {

namespace {

using boost::json::array;
using boost::json::object;
using boost::json::value;

value FiniteOrNull(double number) { return std::isfinite(number) ? value(number) : value(nullptr); }

std::string DaysText(double days) {
  if (!std::isfinite(days)) return "no need";
  return Decimal(days);
}

array LotsJson(const std::vector<supply::LotBalance>& lots) {
  array out;
  for (const supply::LotBalance& lot : lots) {
    out.push_back(
        object{{"lot", lot.lot}, {"expiry", lot.expiry.ToString()}, {"quantity", lot.quantity}});
  }
  return out;
}

}  // namespace

boost::json::object StockReportJson(const supply::StockReport& report) {
  array lines;
  for (const supply::StockLine& line : report.lines) {
    lines.push_back(object{{"node", line.node.code},
                           {"node_name", line.node.name},
                           {"kind", supply::NodeKindName(line.node.kind)},
                           {"region", line.node.region},
                           {"medicine", line.medicine},
                           {"on_hand", line.on_hand},
                           {"usable", line.usable},
                           {"expired", line.on_hand - line.usable},
                           {"lots", LotsJson(line.lots)}});
  }
  return {{"region", report.region}, {"as_of", report.as_of.ToString()}, {"lines", lines}};
}

std::string RenderStockText(const supply::StockReport& report) {
  std::string out = fmt::format("STOCK: {}, as of {}\n\n", report.region, LongDate(report.as_of));
  out += fmt::format("{:<18} {:<12} {:>12} {:>12} {:>6}  {}\n", "node", "medicine", "on hand",
                     "usable", "lots", "first expiry");
  for (const supply::StockLine& line : report.lines) {
    out += fmt::format("{:<18} {:<12} {:>12} {:>12} {:>6}  {}\n", line.node.code, line.medicine,
                       Count(line.on_hand), Count(line.usable), line.lots.size(),
                       line.lots.empty() ? "-" : line.lots.front().expiry.ToString());
  }
  out += fmt::format("{} line(s)\n", report.lines.size());
  return out;
}

boost::json::object CoverReportJson(const supply::CoverReport& report) {
  array lines;
  for (const supply::CoverLine& line : report.lines) {
    lines.push_back(object{{"node", line.node.code},
                           {"kind", supply::NodeKindName(line.node.kind)},
                           {"region", line.node.region},
                           {"medicine", line.medicine},
                           {"usable", line.usable},
                           {"need_per_day", line.need_per_day},
                           {"issued_per_day", line.issued_per_day},
                           {"cover_days", FiniteOrNull(line.cover_days)},
                           {"min_days", line.min_days},
                           {"max_days", line.max_days},
                           {"status", supply::CoverStatusName(line.status)}});
  }
  return {{"region", report.region},
          {"as_of", report.as_of.ToString()},
          {"basis", report.basis},
          {"below_minimum", report.below_minimum},
          {"lines", lines}};
}

std::string RenderCoverText(const supply::CoverReport& report) {
  std::string out = fmt::format(
      "DAYS OF COVER: {}, as of {}\nNeed from {}. {} line(s) below their "
      "minimum cover.\n\n",
      report.region, LongDate(report.as_of), report.basis, report.below_minimum);
  out += fmt::format("{:<18} {:<12} {:>11} {:>11} {:>11} {:>9} {:>11}  {}\n", "node", "medicine",
                     "usable", "need/day", "issued/day", "cover d", "min-max d", "status");
  for (const supply::CoverLine& line : report.lines) {
    out += fmt::format("{:<18} {:<12} {:>11} {:>11} {:>11} {:>9} {:>11}  {}\n", line.node.code,
                       line.medicine, Count(line.usable), Decimal(line.need_per_day),
                       Decimal(line.issued_per_day), DaysText(line.cover_days),
                       fmt::format("{:.0f}-{:.0f}", line.min_days, line.max_days),
                       supply::CoverStatusName(line.status));
  }
  return out;
}

boost::json::object DemandReportJson(const supply::DemandReport& report) {
  array lines;
  for (const supply::DemandLine& line : report.lines) {
    array days;
    for (double need : line.need_per_day) days.push_back(value(need));
    lines.push_back(object{{"region", line.region},
                           {"medicine", line.medicine},
                           {"total", line.total},
                           {"need_per_day", std::move(days)}});
  }
  return {{"region", report.region},
          {"as_of", report.as_of.ToString()},
          {"horizon_days", report.horizon_days},
          {"basis", report.basis},
          {"lines", lines}};
}

std::string RenderDemandText(const supply::DemandReport& report) {
  std::string out =
      fmt::format("DEMAND: {}, the {} days after {}\nNeed from {}.\n\n", report.region,
                  report.horizon_days, LongDate(report.as_of), report.basis);
  out += fmt::format("{:<12} {:<12} {:>14} {:>12} {:>12} {:>12}\n", "region", "medicine", "total",
                     "per day", "first day", "last day");
  for (const supply::DemandLine& line : report.lines) {
    const double days = static_cast<double>(line.need_per_day.size());
    out += fmt::format("{:<12} {:<12} {:>14} {:>12} {:>12} {:>12}\n", line.region, line.medicine,
                       Count(std::llround(line.total)), days > 0 ? Decimal(line.total / days) : "-",
                       line.need_per_day.empty() ? "-" : Decimal(line.need_per_day.front()),
                       line.need_per_day.empty() ? "-" : Decimal(line.need_per_day.back()));
  }
  return out;
}

boost::json::object RecallReportJson(const supply::RecallReport& report) {
  array holders;
  for (const supply::StockRow& row : report.holders) {
    holders.push_back(object{{"node", row.node}, {"quantity", row.quantity}});
  }
  array shipments;
  for (const supply::Shipment& shipment : report.shipments) {
    shipments.push_back(ShipmentJson(shipment));
  }
  array in_transit;
  for (const supply::LotInTransit& moving : report.in_transit) {
    in_transit.push_back(object{{"shipment", moving.shipment_id},
                                {"from", moving.from},
                                {"to", moving.to},
                                {"arrival_day", moving.arrival_day.ToString()},
                                {"units", moving.units}});
  }
  return {{"lot", object{{"medicine", report.lot.medicine},
                         {"lot", report.lot.lot},
                         {"expiry", report.lot.expiry.ToString()},
                         {"maker", report.lot.maker}}},
          {"recall", report.recall ? boost::json::value(LotRecallJson(*report.recall))
                                   : boost::json::value(nullptr)},
          {"units_held", report.units_held},
          {"units_in_transit", report.units_in_transit},
          {"units_written_off", report.units_written_off},
          {"written_off",
           [&] {
             array rows;
             for (const supply::StockRow& row : report.written_off) {
               rows.push_back(object{{"node", row.node}, {"quantity", row.quantity}});
             }
             return rows;
           }()},
          {"holders", holders},
          {"in_transit", in_transit},
          {"shipments", shipments}};
}

boost::json::object LotRecallJson(const supply::LotRecall& recall) {
  return {{"id", recall.id},
          {"medicine", recall.medicine},
          {"lot", recall.lot},
          {"status", recall.active() ? "active" : "lifted"},
          {"day", recall.day.ToString()},
          {"reason", recall.reason},
          {"ordered_by", recall.ordered_by},
          {"ordered_at", recall.ordered_at},
          {"lifted_day", recall.lifted_day ? boost::json::value(recall.lifted_day->ToString())
                                           : boost::json::value(nullptr)},
          {"lifted_by", recall.lifted_by},
          {"lift_reason", recall.lift_reason}};
}

std::string RenderRecallText(const supply::RecallReport& report) {
  std::string out = fmt::format(
      "RECALL: {} lot {} (expiry {}, maker {})\n{} unit(s) held at {} node(s), {} on the way on "
      "{} shipment(s); carried by {} shipment(s) in all.\n\n",
      report.lot.medicine, report.lot.lot, report.lot.expiry.ToString(),
      report.lot.maker.empty() ? "-" : report.lot.maker, Count(report.units_held),
      report.holders.size(), Count(report.units_in_transit), report.in_transit.size(),
      report.shipments.size());
  if (report.recall) {
    const supply::LotRecall& recall = *report.recall;
    out += recall.active() ? fmt::format(
                                 "RECALLED since {} (recall {}, by {}): {}. The lot may be neither "
                                 "issued nor dispatched until a headquarters order lifts it.\n",
                                 recall.day.ToString(), recall.id, recall.ordered_by, recall.reason)
                           : fmt::format("Recall {} of {} was lifted on {} by {}: {}.\n", recall.id,
                                         recall.day.ToString(), recall.lifted_day->ToString(),
                                         recall.lifted_by, recall.lift_reason);
    out += fmt::format(
        "Progress: {} unit(s) still held, {} on the way, {} written off since the "
        "order.\n\n",
        Count(report.units_held), Count(report.units_in_transit), Count(report.units_written_off));
  }
  out += fmt::format("{:<18} {:>12}\n", "held at", "units");
  for (const supply::StockRow& row : report.holders) {
    out += fmt::format("{:<18} {:>12}\n", row.node, Count(row.quantity));
  }
  if (!report.in_transit.empty()) {
    out += fmt::format("\n{:<10} {:<14} {:<14} {:<10} {:>12}\n", "on the way", "from", "to",
                       "arrives", "units");
    for (const supply::LotInTransit& moving : report.in_transit) {
      out += fmt::format("{:<10} {:<14} {:<14} {:<10} {:>12}\n", moving.shipment_id, moving.from,
                         moving.to, moving.arrival_day.ToString(), Count(moving.units));
    }
  }
  if (!report.shipments.empty()) {
    out += "\n";
    out += RenderShipmentsText(report.shipments);
  }
  return out;
}

boost::json::object ShipmentJson(const supply::Shipment& shipment) {
  array lines;
  for (const supply::ShipmentLine& line : shipment.lines) {
    lines.push_back(object{{"medicine", line.medicine}, {"quantity", line.quantity}});
  }
  array lots;
  for (const supply::ShipmentLot& lot : shipment.lots) {
    lots.push_back(object{{"medicine", lot.medicine},
                          {"lot", lot.lot},
                          {"sent", lot.sent},
                          {"received", lot.received},
                          {"lost", lot.lost},
                          {"loss_reason", lot.loss_reason},
                          {"temperature_excursion", lot.temperature_excursion}});
  }
  array custody;
  for (const supply::CustodyEvent& event : shipment.custody) {
    custody.push_back(
        object{{"step", event.step}, {"by", event.by}, {"at", event.at}, {"note", event.note}});
  }
  return {{"id", shipment.id},
          {"from", shipment.from},
          {"to", shipment.to},
          {"status", supply::ShipmentStatusName(shipment.status)},
          {"ship_day", shipment.ship_day.ToString()},
          {"arrival_day", shipment.arrival_day.ToString()},
          {"plan_id", shipment.plan_id != 0 ? value(shipment.plan_id) : value(nullptr)},
          {"reserve_order", shipment.reserve_order},
          {"note", shipment.note},
          {"lines", lines},
          {"lots", lots},
          {"custody", custody}};
}

std::string RenderShipmentText(const supply::Shipment& shipment) {
  std::string out =
      fmt::format("SHIPMENT {} ({}): {} -> {}, ship {}, arrive {}{}{}\n", shipment.id,
                  supply::ShipmentStatusName(shipment.status), shipment.from, shipment.to,
                  shipment.ship_day.ToString(), shipment.arrival_day.ToString(),
                  shipment.plan_id != 0 ? fmt::format(", from plan {}", shipment.plan_id) : "",
                  shipment.reserve_order ? ", reserve order" : "");
  if (!shipment.note.empty()) out += "note: " + shipment.note + "\n";
  out += fmt::format("\n{:<12} {:>12}\n", "medicine", "asked");
  for (const supply::ShipmentLine& line : shipment.lines) {
    out += fmt::format("{:<12} {:>12}\n", line.medicine, Count(line.quantity));
  }
  if (!shipment.lots.empty()) {
    out += fmt::format("\n{:<12} {:<14} {:>10} {:>10} {:>10}  {}\n", "medicine", "lot", "sent",
                       "received", "lost", "loss reason");
    for (const supply::ShipmentLot& lot : shipment.lots) {
      std::string reason = lot.loss_reason;
      if (lot.temperature_excursion)
        reason += reason.empty() ? "temperature excursion" : "; temperature excursion";
      out += fmt::format("{:<12} {:<14} {:>10} {:>10} {:>10}  {}\n", lot.medicine, lot.lot,
                         Count(lot.sent), Count(lot.received), Count(lot.lost),
                         reason.empty() ? "-" : reason);
    }
  }
  out += "\ncustody:\n";
  for (const supply::CustodyEvent& event : shipment.custody) {
    out += fmt::format("  {:<11} {:<20} {}{}\n", event.step, event.at, event.by,
                       event.note.empty() ? "" : ": " + event.note);
  }
  return out;
}

std::string RenderShipmentsText(std::span<const supply::Shipment> shipments) {
  std::string out = fmt::format("{:>6} {:<11} {:<18} {:<18} {:<10} {:<10} {:>12} {:>6}\n", "id",
                                "status", "from", "to", "ship", "arrive", "units", "plan");
  for (const supply::Shipment& s : shipments) {
    const int64_t units = std::accumulate(
        s.lines.begin(), s.lines.end(), int64_t{0},
        [](int64_t sum, const supply::ShipmentLine& line) { return sum + line.quantity; });
    out += fmt::format("{:>6} {:<11} {:<18} {:<18} {:<10} {:<10} {:>12} {:>6}\n", s.id,
                       supply::ShipmentStatusName(s.status), s.from, s.to, s.ship_day.ToString(),
                       s.arrival_day.ToString(), Count(units),
                       s.plan_id != 0 ? std::to_string(s.plan_id) : "-");
  }
  out += fmt::format("{} shipment(s)\n", shipments.size());
  return out;
}

}  // namespace outbreak::report
