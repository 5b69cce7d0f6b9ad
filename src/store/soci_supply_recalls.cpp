// Recall orders: a lot stopped everywhere until a headquarters order lifts it.

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/soci_supply_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

constexpr char kRecallColumns[] =
    "id, medicine, lot, day, reason, ordered_by, ordered_at, lifted_day, lifted_by, lift_reason";

supply::LotRecall RecallAt(const soci::row& row) {
  supply::LotRecall out;
  out.id = IntegerAt(row, 0);
  out.medicine = row.get<std::string>(1);
  out.lot = row.get<std::string>(2);
  out.day = DayAt(row, 3);
  out.reason = row.get<std::string>(4);
  out.ordered_by = row.get<std::string>(5);
  out.ordered_at = row.get<std::string>(6);
  if (row.get_indicator(7) != soci::i_null) out.lifted_day = DayAt(row, 7);
  out.lifted_by = row.get<std::string>(8);
  out.lift_reason = row.get<std::string>(9);
  return out;
}

boost::json::object RecallAudit(const supply::LotRecall& recall) {
  boost::json::object out{{"medicine", recall.medicine},
                          {"lot", recall.lot},
                          {"day", recall.day.ToString()},
                          {"reason", recall.reason}};
  if (recall.lifted_day) {
    out["lifted_day"] = recall.lifted_day->ToString();
    out["lift_reason"] = recall.lift_reason;
  }
  return out;
}

}  // namespace

Result<std::vector<supply::LotRecall>> SociSupplyStore::LoadRecalls() {
  try {
    std::vector<supply::LotRecall> out;
    soci::rowset<soci::row> rows =
        session().prepare << fmt::format("SELECT {} FROM lot_recalls ORDER BY id", kRecallColumns);
    for (const soci::row& row : rows) out.push_back(RecallAt(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading recall orders", error);
  }
}

Result<supply::LotRecall> SociSupplyStore::OrderRecall(const supply::LotRecall& recall,
                                                       const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    LockLedger();  // a post or dispatch of the lot waits for the order, or the order for it
    int known = 0;
    session() << "SELECT COUNT(*) FROM lots WHERE medicine = :m AND lot = :l",
        soci::use(recall.medicine), soci::use(recall.lot), soci::into(known);
    if (known == 0) {
      return Status::NotFound(
          fmt::format("no lot \"{}\" of \"{}\" to recall", recall.lot, recall.medicine));
    }
    long long active = 0;
    soci::indicator indicator = soci::i_null;
    session() << "SELECT id FROM lot_recalls WHERE medicine = :m AND lot = :l AND lifted_day IS"
                 " NULL",
        soci::use(recall.medicine), soci::use(recall.lot), soci::into(active, indicator);
    if (session().got_data() && indicator == soci::i_ok) {
      return Status::Conflict(fmt::format("lot {} of {} is already recalled (recall {})",
                                          recall.lot, recall.medicine, active));
    }
    const int day = recall.day.days_since_epoch();
    session() << "INSERT INTO lot_recalls (medicine, lot, day, reason, ordered_by, ordered_at)"
                 " VALUES (:m, :l, :d, :r, :u, :t)",
        soci::use(recall.medicine), soci::use(recall.lot), soci::use(day), soci::use(recall.reason),
        soci::use(context.user), soci::use(context.recorded_at);
    soci::row row;
    session() << fmt::format(
        "SELECT {} FROM lot_recalls WHERE medicine = :m AND lot = :l AND"
        " lifted_day IS NULL",
        kRecallColumns),
        soci::use(recall.medicine), soci::use(recall.lot), soci::into(row);
    supply::LotRecall stored = RecallAt(row);
    InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                               "recall.order", fmt::format("recall {}", stored.id), "",
                               boost::json::serialize(RecallAudit(stored))});
    transaction.Commit(ChangeKind::kSupply);
    return stored;
  } catch (const std::exception& error) {
    return DatabaseError("ordering a recall", error);
  }
}

Result<supply::LotRecall> SociSupplyStore::LiftRecall(int64_t id, Date day,
                                                      const std::string& reason,
                                                      const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    LockLedger();
    const long long key = id;
    soci::row row;
    session() << fmt::format("SELECT {} FROM lot_recalls WHERE id = :id", kRecallColumns),
        soci::use(key), soci::into(row);
    if (!session().got_data()) return Status::NotFound(fmt::format("no recall {}", id));
    const supply::LotRecall before = RecallAt(row);
    if (!before.active()) {
      return Status::Conflict(
          fmt::format("recall {} was lifted on {}", id, before.lifted_day->ToString()));
    }
    if (day < before.day) {
      return Status::InvalidArgument(fmt::format("day: {} is before the recall's order of {}",
                                                 day.ToString(), before.day.ToString()));
    }
    const int lifted = day.days_since_epoch();
    session() << "UPDATE lot_recalls SET lifted_day = :d, lifted_by = :u, lift_reason = :r"
                 " WHERE id = :id",
        soci::use(lifted), soci::use(context.user), soci::use(reason), soci::use(key);
    supply::LotRecall after = before;
    after.lifted_day = day;
    after.lifted_by = context.user;
    after.lift_reason = reason;
    InsertAuditRow(session(),
                   {0, context.recorded_at, context.user, context.address, "recall.lift",
                    fmt::format("recall {}", id), boost::json::serialize(RecallAudit(before)),
                    boost::json::serialize(RecallAudit(after))});
    transaction.Commit(ChangeKind::kSupply);
    return after;
  } catch (const std::exception& error) {
    return DatabaseError("lifting a recall", error);
  }
}

}  // namespace outbreak::store
