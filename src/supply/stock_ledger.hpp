#pragma once
// The stock ledger: every movement of a medicine lot at a node is one appended transaction, and
// stock on hand is the sum of them. Nothing is ever changed in place.
//
// StockBook holds the balances of some (node, medicine) pairs by lot and turns posting requests
// into ledger entries, refusing what would break the ledger's rules:
// - stock never goes negative (an outgoing movement beyond the lot's balance is refused);
// - issues and transfers pick lots first-expiry-first-out when no lot is named, and never an
//   expired lot (a lot is usable up to and including its expiry day), and a transfer-out only
//   lots still usable on the day its shipment is due to arrive;
// - an expiry entry writes off only a lot that has expired;
// - outgoing movements other than expiry and loss may not take a node's stock of a medicine below
//   its reserve floor unless the request carries a headquarters order (`draw_reserve`);
// - entries at a node are dated no earlier than the node's latest entry, so that the balance on
//   every past day is the sum of the entries up to it and was never negative.
// The store loads the balances inside its write transaction and posts through a StockBook, so
// these rules hold with concurrent writers too. Not thread-safe.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/bounds.hpp"
#include "core/date.hpp"
#include "core/status.hpp"

namespace outbreak::supply {

enum class EntryKind {
  kReceipt,      // + arrives from outside the network (donation, import, opening stock)
  kProduction,   // + made at a factory
  kIssue,        // - given to patients
  kTransferOut,  // - leaves on a shipment
  kTransferIn,   // + arrives on a shipment
  kAdjustment,   // +/- a count found different, with a reason
  kExpiry,       // - written off after its expiry day
  kLoss,         // - damaged, spoiled or missing, with a reason
};

std::string_view EntryKindName(EntryKind kind);
std::optional<EntryKind> ParseEntryKind(std::string_view name);
// Whether the kind adds to stock (adjustments may do either).
bool IsIncoming(EntryKind kind);

// The most units one movement may move, and the most a node may hold of one medicine
// (core/bounds.hpp): every total over nodes, lots and days then stays far inside int64.
inline constexpr int64_t kMaxUnits = kMaxCount;

struct Lot {
  std::string medicine;
  std::string lot;  // the maker's lot number
  Date expiry;      // last day the lot may be used
  std::string maker;
};

struct LedgerEntry {
  int64_t id = 0;  // assigned by the store
  Date day;
  std::string node;
  std::string medicine;
  std::string lot;
  EntryKind kind = EntryKind::kReceipt;
  int64_t quantity = 0;  // signed: + into stock, - out of it
  std::string reason;
  int64_t shipment_id = 0;  // 0 when not part of a shipment
  bool reserve_order = false;
  std::string recorded_by;
  std::string recorded_at;
};

// A movement to post. `quantity` is the amount moved (> 0), except for an adjustment, where it is
// the signed change. An outgoing movement without a lot is spread over lots FEFO.
struct PostRequest {
  EntryKind kind = EntryKind::kIssue;
  std::string node;
  std::string medicine;
  std::string lot;  // required for incoming movements and expiry
  int64_t quantity = 0;
  Date day;
  std::string reason;  // required for adjustments and losses
  int64_t shipment_id = 0;
  bool draw_reserve = false;  // a headquarters order to go below the reserve floor
  // An issue or transfer-out takes only lots usable through this day (FEFO among them; a named
  // lot must be too): a shipment takes only lots that are still usable when it arrives.
  // Unset: through the movement's day.
  std::optional<Date> usable_through;
  // The movement's identity (a movement id from the file or the API, or the source document and
  // line): posted again, the same movement changes nothing; another movement under the same
  // identity is refused. Empty: none (each post is a new movement).
  std::string movement;
};

// A movement as its identity is checked against: "2022-05-12 receipt of 250000 PARA-500 lot L-1
// at KP-CB (reason)".
std::string MovementText(const PostRequest& request);

// What a post did: the entries it wrote, and the movements it passed over because they were
// posted already under their identity.
struct PostOutcome {
  std::vector<LedgerEntry> entries;
  int64_t unchanged = 0;
};

struct LotBalance {
  std::string lot;
  Date expiry;
  int64_t quantity = 0;
};

class StockBook {
 public:
  // What the book knows before posting: the lots of the medicines involved, the balances by
  // lot, the reserve floors and each node's latest entry day.
  void AddLot(const Lot& lot);
  void SetBalance(const std::string& node, const std::string& medicine, const std::string& lot,
                  int64_t quantity);
  void SetReserveFloor(const std::string& node, const std::string& medicine, int64_t units);
  void SetLatestDay(const std::string& node, Date day);
  // A lot under a recall order (`order` names it in messages): it may not be issued or shipped,
  // named or by FEFO, until the order is lifted; it may still be written off (loss, expiry,
  // adjustment) or counted.
  void SetRecalled(const std::string& medicine, const std::string& lot, std::string order);

  // Checks the request against the book and, when it is allowed, applies it and returns the
  // entries to append (several for a FEFO movement over several lots). On error the book is
  // unchanged. `where` prefixes messages ("request 3").
  Result<std::vector<LedgerEntry>> Post(const PostRequest& request, std::string_view where = {});

  int64_t OnHand(const std::string& node, const std::string& medicine) const;
  // The lots at a node with stock, first expiry first.
  std::vector<LotBalance> Lots(const std::string& node, const std::string& medicine) const;

 private:
  using Key = std::tuple<std::string, std::string>;  // node, medicine
  const Lot* FindLot(const std::string& medicine, const std::string& lot) const;
  Result<std::vector<LedgerEntry>> Outgoing(const PostRequest& request, std::string_view where);

  std::map<std::tuple<std::string, std::string>, Lot> lots_;  // (medicine, lot)
  std::map<Key, std::map<std::string, int64_t>> balances_;    // by lot
  std::map<Key, int64_t> floors_;
  std::map<std::pair<std::string, std::string>, std::string> recalled_;  // (medicine, lot) -> order
  std::map<std::string, Date> latest_day_;
};

// Stock on hand by (node, medicine, lot) on `as_of` (entries dated on or before it), from the
// entries; lots with zero stock are left out.
struct StockRow {
  std::string node;
  std::string medicine;
  std::string lot;
  int64_t quantity = 0;
};
std::vector<StockRow> Balances(const std::vector<LedgerEntry>& entries, std::optional<Date> as_of);

}  // namespace outbreak::supply
