#include "supply/stock_ledger.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

namespace outbreak::supply {

namespace {

constexpr std::array<std::pair<EntryKind, std::string_view>, 8> kKinds = {{
    {EntryKind::kReceipt, "receipt"},
    {EntryKind::kProduction, "production"},
    {EntryKind::kIssue, "issue"},
    {EntryKind::kTransferOut, "transfer_out"},
    {EntryKind::kTransferIn, "transfer_in"},
    {EntryKind::kAdjustment, "adjustment"},
    {EntryKind::kExpiry, "expiry"},
    {EntryKind::kLoss, "loss"},
}};

std::string Prefix(std::string_view where) {
  return where.empty() ? std::string() : std::string(where) + ": ";
}

LedgerEntry EntryFor(const PostRequest& request, const std::string& lot, int64_t signed_quantity) {
  LedgerEntry entry;
  entry.day = request.day;
  entry.node = request.node;
  entry.medicine = request.medicine;
  entry.lot = lot;
  entry.kind = request.kind;
  entry.quantity = signed_quantity;
  entry.reason = request.reason;
  entry.shipment_id = request.shipment_id;
  entry.reserve_order = request.draw_reserve;
  return entry;
}

}  // namespace

std::string MovementText(const PostRequest& request) {
  std::string text = fmt::format("{} {} of {} {}", request.day.ToString(),
                                 EntryKindName(request.kind), request.quantity, request.medicine);
  if (!request.lot.empty()) text += " lot " + request.lot;
  text += " at " + request.node;
  if (!request.reason.empty()) text += " (" + request.reason + ")";
  if (request.draw_reserve) text += " [reserve order]";
  return text;
}

std::string_view EntryKindName(EntryKind kind) {
  for (const auto& [candidate, name] : kKinds) {
    if (candidate == kind) return name;
  }
  return "adjustment";
}

std::optional<EntryKind> ParseEntryKind(std::string_view name) {
  for (const auto& [kind, candidate] : kKinds) {
    if (candidate == name) return kind;
  }
  return std::nullopt;
}

bool IsIncoming(EntryKind kind) {
  return kind == EntryKind::kReceipt || kind == EntryKind::kProduction ||
         kind == EntryKind::kTransferIn;
}

void StockBook::AddLot(const Lot& lot) { lots_[{lot.medicine, lot.lot}] = lot; }

void StockBook::SetBalance(const std::string& node, const std::string& medicine,
                           const std::string& lot, int64_t quantity) {
  balances_[{node, medicine}][lot] = quantity;
}

void StockBook::SetReserveFloor(const std::string& node, const std::string& medicine,
                                int64_t units) {
  floors_[{node, medicine}] = units;
}

void StockBook::SetLatestDay(const std::string& node, Date day) { latest_day_[node] = day; }

const Lot* StockBook::FindLot(const std::string& medicine, const std::string& lot) const {
  auto found = lots_.find({medicine, lot});
  return found == lots_.end() ? nullptr : &found->second;
}

int64_t StockBook::OnHand(const std::string& node, const std::string& medicine) const {
  auto found = balances_.find({node, medicine});
  if (found == balances_.end()) return 0;
  int64_t total = 0;
  for (const auto& [lot, quantity] : found->second) total += quantity;
  return total;
}

std::vector<LotBalance> StockBook::Lots(const std::string& node,
                                        const std::string& medicine) const {
  std::vector<LotBalance> out;
  auto found = balances_.find({node, medicine});
  if (found == balances_.end()) return out;
  for (const auto& [lot, quantity] : found->second) {
    if (quantity <= 0) continue;
    const Lot* known = FindLot(medicine, lot);
    out.push_back({lot, known != nullptr ? known->expiry : Date(), quantity});
  }
  std::sort(out.begin(), out.end(), [](const LotBalance& a, const LotBalance& b) {
    return std::tie(a.expiry, a.lot) < std::tie(b.expiry, b.lot);
  });
  return out;
}

Result<std::vector<LedgerEntry>> StockBook::Post(const PostRequest& request,
                                                 std::string_view where) {
  const std::string at = Prefix(where);
  if (request.node.empty()) return Status::InvalidArgument(at + "node: is empty");
  if (request.medicine.empty()) return Status::InvalidArgument(at + "medicine: is empty");
  if (auto latest = latest_day_.find(request.node);
      latest != latest_day_.end() && request.day < latest->second) {
    return Status::InvalidArgument(fmt::format(
        "{}day: {} is before the latest entry at {} ({}); entries are recorded in day order", at,
        request.day.ToString(), request.node, latest->second.ToString()));
  }
  const bool needs_reason =
      request.kind == EntryKind::kAdjustment || request.kind == EntryKind::kLoss;
  if (needs_reason && request.reason.empty()) {
    return Status::InvalidArgument(
        fmt::format("{}reason: a {} needs a reason", at, EntryKindName(request.kind)));
  }
  if (request.kind == EntryKind::kAdjustment ? request.quantity == 0 : request.quantity <= 0) {
    return Status::InvalidArgument(fmt::format(
        "{}quantity: {} {}", at, request.quantity,
        request.kind == EntryKind::kAdjustment ? "is zero" : "must be a whole number > 0"));
  }
  if (request.quantity > kMaxUnits || request.quantity < -kMaxUnits) {
    return Status::InvalidArgument(
        fmt::format("{}quantity: {} is more than {} units", at, request.quantity, kMaxUnits));
  }
  Result<std::vector<LedgerEntry>> entries = std::vector<LedgerEntry>{};
  if (IsIncoming(request.kind) ||
      (request.kind == EntryKind::kAdjustment && request.quantity > 0)) {
    const int64_t on_hand = OnHand(request.node, request.medicine);
    if (on_hand > kMaxUnits - request.quantity) {
      return Status::InvalidArgument(fmt::format(
          "{}quantity: {} more would put {} units of {} at {}, more than {}", at, request.quantity,
          on_hand + request.quantity, request.medicine, request.node, kMaxUnits));
    }
    if (request.lot.empty()) {
      return Status::InvalidArgument(
          fmt::format("{}lot: a {} must name its lot", at, EntryKindName(request.kind)));
    }
    const Lot* lot = FindLot(request.medicine, request.lot);
    if (lot == nullptr) {
      return Status::InvalidArgument(
          fmt::format("{}lot: {} of {} is not a known lot", at, request.lot, request.medicine));
    }
    if (request.kind != EntryKind::kTransferIn && request.day > lot->expiry) {
      return Status::InvalidArgument(
          fmt::format("{}lot: {} expired on {}", at, request.lot, lot->expiry.ToString()));
    }
    entries->push_back(EntryFor(request, request.lot, request.quantity));
  } else {
    entries = Outgoing(request, at);
    if (!entries.ok()) return entries;
  }
  for (const LedgerEntry& entry : *entries) {
    balances_[{entry.node, entry.medicine}][entry.lot] += entry.quantity;
  }
  latest_day_[request.node] = request.day;
  return entries;
}

void StockBook::SetRecalled(const std::string& medicine, const std::string& lot,
                            std::string order) {
  recalled_[{medicine, lot}] = std::move(order);
}

Result<std::vector<LedgerEntry>> StockBook::Outgoing(const PostRequest& request,
                                                     std::string_view at) {
  const int64_t amount =
      request.kind == EntryKind::kAdjustment ? -request.quantity : request.quantity;
  const bool usable_only =
      request.kind == EntryKind::kIssue || request.kind == EntryKind::kTransferOut;
  const Date through = std::max(request.day, request.usable_through.value_or(request.day));
  std::vector<LedgerEntry> out;
  auto& lots = balances_[{request.node, request.medicine}];
  if (!request.lot.empty()) {
    const Lot* lot = FindLot(request.medicine, request.lot);
    if (lot == nullptr) {
      return Status::InvalidArgument(
          fmt::format("{}lot: {} of {} is not a known lot", at, request.lot, request.medicine));
    }
    if (auto recall = recalled_.find({request.medicine, request.lot});
        usable_only && recall != recalled_.end()) {
      return Status::Conflict(fmt::format(
          "{}lot: {} of {} is recalled ({}); it may not be {} until the recall is lifted", at,
          request.lot, request.medicine, recall->second,
          request.kind == EntryKind::kIssue ? "issued" : "shipped"));
    }
    if (usable_only && request.day > lot->expiry) {
      return Status::InvalidArgument(fmt::format(
          "{}lot: {} expired on {}; it cannot be {}", at, request.lot, lot->expiry.ToString(),
          request.kind == EntryKind::kIssue ? "issued" : "shipped"));
    }
    if (usable_only && through > lot->expiry) {
      return Status::InvalidArgument(fmt::format("{}lot: {} expires on {}, before {}", at,
                                                 request.lot, lot->expiry.ToString(),
                                                 through.ToString()));
    }
    if (request.kind == EntryKind::kExpiry && request.day <= lot->expiry) {
      return Status::InvalidArgument(fmt::format("{}lot: {} is usable until {}; it has not expired",
                                                 at, request.lot, lot->expiry.ToString()));
    }
    const int64_t have = lots.contains(request.lot) ? lots.at(request.lot) : 0;
    if (have < amount) {
      return Status::Conflict(fmt::format("{}quantity: {} of lot {} at {}, only {} on hand", at,
                                          amount, request.lot, request.node, have));
    }
    out.push_back(EntryFor(request, request.lot, -amount));
  } else {
    if (request.kind == EntryKind::kExpiry) {
      return Status::InvalidArgument(fmt::format("{}lot: an expiry must name its lot", at));
    }
    int64_t left = amount;
    int64_t usable = 0;
    int64_t blocked = 0;  // units of recalled lots
    for (const LotBalance& lot : Lots(request.node, request.medicine)) {
      if (usable_only && through > lot.expiry) continue;
      if (usable_only && recalled_.contains({request.medicine, lot.lot})) {
        blocked += lot.quantity;
        continue;
      }
      usable += lot.quantity;
      if (left == 0) continue;
      const int64_t take = std::min(left, lot.quantity);
      out.push_back(EntryFor(request, lot.lot, -take));
      left -= take;
    }
    if (left > 0) {
      const std::string which = !usable_only ? ""
                                : through > request.day
                                    ? fmt::format("usable through {} ", through.ToString())
                                    : "usable ";
      return Status::Conflict(fmt::format(
          "{}quantity: {} units of {} at {}, only {} {}on hand{}", at, amount, request.medicine,
          request.node, usable, which,
          blocked > 0 ? fmt::format(" ({} more in recalled lots, which may not leave)", blocked)
                      : ""));
    }
  }
  const bool chosen = request.kind != EntryKind::kExpiry && request.kind != EntryKind::kLoss;
  if (chosen && !request.draw_reserve) {
    auto floor = floors_.find({request.node, request.medicine});
    const int64_t on_hand = OnHand(request.node, request.medicine);
    if (floor != floors_.end() && on_hand - amount < floor->second) {
      return Status::Forbidden(fmt::format(
          "{}quantity: taking {} of {} from {} leaves {}, below its reserve floor of {}; only a "
          "headquarters order may draw on the reserve",
          at, amount, request.medicine, request.node, on_hand - amount, floor->second));
    }
  }
  return out;
}

std::vector<StockRow> Balances(const std::vector<LedgerEntry>& entries, std::optional<Date> as_of) {
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> sums;
  for (const LedgerEntry& entry : entries) {
    if (as_of && entry.day > *as_of) continue;
    sums[{entry.node, entry.medicine, entry.lot}] += entry.quantity;
  }
  std::vector<StockRow> out;
  for (const auto& [key, quantity] : sums) {
    if (quantity == 0) continue;
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), quantity});
  }
  return out;
}

}  // namespace outbreak::supply
