// SociLevelsStore: rules and programmes documents, level proposals, decisions and tasks.

#include "store/soci_store_levels.hpp"

#include <set>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

constexpr const char* kProposalColumns =
    "id, region_code, day, from_level, to_level, rules_version, triggers, status, created_by,"
    " created_at, decision_id";
constexpr const char* kDecisionColumns =
    "id, proposal_id, region_code, day, outcome, from_level, to_level, reason, rules_version,"
    " programmes_version, decided_by, decided_at";
constexpr const char* kTaskColumns =
    "id, decision_id, region_code, level, title, unit, due_day, done_by, done_at, note";

int64_t OptionalInteger(const soci::row& row, size_t idx) {
  return row.get_indicator(idx) == soci::i_null ? 0 : IntegerAt(row, idx);
}

ProposalRecord ProposalFromRow(const soci::row& row) {
  ProposalRecord p;
  p.id = IntegerAt(row, 0);
  p.region = row.get<std::string>(1);
  p.day = Date(static_cast<int32_t>(IntegerAt(row, 2)));
  p.from_level = row.get<std::string>(3);
  p.to_level = row.get<std::string>(4);
  p.rules_version = row.get<std::string>(5);
  p.triggers = row.get<std::string>(6);
  p.status = row.get<std::string>(7);
  p.created_by = row.get<std::string>(8);
  p.created_at = row.get<std::string>(9);
  p.decision_id = OptionalInteger(row, 10);
  return p;
}

DecisionRecord DecisionFromRow(const soci::row& row) {
  DecisionRecord d;
  d.id = IntegerAt(row, 0);
  d.proposal_id = OptionalInteger(row, 1);
  d.region = row.get<std::string>(2);
  d.day = Date(static_cast<int32_t>(IntegerAt(row, 3)));
  d.outcome = row.get<std::string>(4);
  d.from_level = row.get<std::string>(5);
  d.to_level = row.get<std::string>(6);
  d.reason = row.get<std::string>(7);
  d.rules_version = row.get<std::string>(8);
  d.programmes_version = row.get<std::string>(9);
  d.decided_by = row.get<std::string>(10);
  d.decided_at = row.get<std::string>(11);
  return d;
}

TaskRecord TaskFromRow(const soci::row& row) {
  TaskRecord t;
  t.id = IntegerAt(row, 0);
  t.decision_id = IntegerAt(row, 1);
  t.region = row.get<std::string>(2);
  t.level = row.get<std::string>(3);
  t.title = row.get<std::string>(4);
  t.unit = row.get<std::string>(5);
  t.due = Date(static_cast<int32_t>(IntegerAt(row, 6)));
  t.done_by = OptionalText(row, 7);
  t.done_at = OptionalText(row, 8);
  t.done = !t.done_at.empty();
  t.note = OptionalText(row, 9);
  return t;
}

std::set<std::string> KnownRegions(soci::session& session) {
  std::set<std::string> out;
  soci::rowset<soci::row> rows = (session.prepare << "SELECT code FROM regions");
  for (const soci::row& row : rows) out.insert(row.get<std::string>(0));
  return out;
}

std::string Json(const boost::json::object& value) { return boost::json::serialize(value); }

}  // namespace

Result<int64_t> SociLevelsStore::SaveDocument(const LevelsDocument& document,
                                              const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    long long id = 0;
    session() << "INSERT INTO response_documents (kind, version, source, body, loaded_by,"
                 " loaded_at) VALUES (:kind, :version, :source, :body, :by, :at) RETURNING id",
        soci::use(document.kind), soci::use(document.version), soci::use(document.source),
        soci::use(document.text), soci::use(context.user), soci::use(context.recorded_at),
        soci::into(id);
    InsertAuditRow(session(),
                   {0, context.recorded_at, context.user, context.address,
                    "levels." + document.kind, fmt::format("{}/{}", document.kind, id), "",
                    Json({{"version", document.version},
                          {"source", document.source},
                          {"reason", context.reason}})});
    transaction.Commit(ChangeKind::kLevels);
    return static_cast<int64_t>(id);
  } catch (const std::exception& error) {
    return DatabaseError("saving the " + document.kind, error);
  }
}

Result<std::optional<LevelsDocument>> SociLevelsStore::LatestDocument(std::string_view kind) {
  try {
    const std::string key(kind);
    std::optional<LevelsDocument> out;
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT id, kind, version, source, body, loaded_by, loaded_at FROM"
                              " response_documents WHERE kind = :kind ORDER BY id DESC LIMIT 1",
         soci::use(key));
    for (const soci::row& row : rows) {
      out =
          LevelsDocument{IntegerAt(row, 0),       row.get<std::string>(1), row.get<std::string>(2),
                         row.get<std::string>(3), row.get<std::string>(4), row.get<std::string>(5),
                         row.get<std::string>(6)};
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("reading the " + std::string(kind), error);
  }
}

Result<std::vector<int64_t>> SociLevelsStore::SaveProposals(
    std::span<const ProposalRecord> proposals, std::span<const int64_t> superseded,
    const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    const std::set<std::string> regions = KnownRegions(session());
    for (const ProposalRecord& p : proposals) {
      if (!regions.contains(p.region)) {
        return Status::InvalidArgument(
            fmt::format("proposal: region \"{}\" is not known", p.region));
      }
    }
    for (int64_t id : superseded) {
      const long long key = id;
      session() << "UPDATE level_proposals SET status = 'superseded' WHERE id = :id AND"
                   " status = 'pending'",
          soci::use(key);
    }
    std::vector<int64_t> ids;
    for (const ProposalRecord& p : proposals) {
      long long id = 0;
      const int day = p.day.days_since_epoch();
      session() << "INSERT INTO level_proposals (region_code, day, from_level, to_level,"
                   " rules_version, triggers, status, created_by, created_at) VALUES (:region,"
                   " :day, :from_level, :to_level, :rules, :triggers, 'pending', :by, :at)"
                   " RETURNING id",
          soci::use(p.region), soci::use(day), soci::use(p.from_level), soci::use(p.to_level),
          soci::use(p.rules_version), soci::use(p.triggers), soci::use(context.user),
          soci::use(context.recorded_at), soci::into(id);
      ids.push_back(id);
      InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                                 "levels.propose", fmt::format("proposal/{}", id), "",
                                 Json({{"region", p.region},
                                       {"day", p.day.ToString()},
                                       {"from", p.from_level},
                                       {"to", p.to_level},
                                       {"rules_version", p.rules_version}})});
    }
    transaction.Commit(ChangeKind::kLevels);
    return ids;
  } catch (const std::exception& error) {
    return DatabaseError("saving level proposals", error);
  }
}

Result<std::vector<ProposalRecord>> SociLevelsStore::LoadProposals() {
  try {
    std::vector<ProposalRecord> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM level_proposals ORDER BY id",
                                          kProposalColumns));
    for (const soci::row& row : rows) out.push_back(ProposalFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading level proposals", error);
  }
}

Result<std::optional<ProposalRecord>> SociLevelsStore::FindProposal(int64_t id) {
  try {
    const long long key = id;
    std::optional<ProposalRecord> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM level_proposals WHERE id = :id",
                                          kProposalColumns),
         soci::use(key));
    for (const soci::row& row : rows) out = ProposalFromRow(row);
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("finding the proposal", error);
  }
}

Result<DecisionRecord> SociLevelsStore::SaveDecision(const DecisionRecord& decision,
                                                     std::span<const TaskRecord> tasks,
                                                     const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    const std::set<std::string> regions = KnownRegions(session());
    if (!regions.contains(decision.region)) {
      return Status::InvalidArgument(
          fmt::format("decision: region \"{}\" is not known", decision.region));
    }
    const long long proposal = decision.proposal_id;
    if (decision.proposal_id != 0) {
      std::string status;
      session() << "SELECT status FROM level_proposals WHERE id = :id", soci::use(proposal),
          soci::into(status);
      if (!session().got_data()) {
        return Status::NotFound(fmt::format("proposal {} does not exist", decision.proposal_id));
      }
      if (status != "pending") {
        return Status::Conflict(
            fmt::format("proposal {} is {}, not pending: it was decided "
                        "already",
                        decision.proposal_id, status));
      }
    }
    long long id = 0;
    const int day = decision.day.days_since_epoch();
    soci::indicator proposal_ind = decision.proposal_id != 0 ? soci::i_ok : soci::i_null;
    session() << "INSERT INTO level_decisions (proposal_id, region_code, day, outcome, from_level,"
                 " to_level, reason, rules_version, programmes_version, decided_by, decided_at)"
                 " VALUES (:proposal, :region, :day, :outcome, :from_level, :to_level, :reason,"
                 " :rules, :programmes, :by, :at) RETURNING id",
        soci::use(proposal, proposal_ind), soci::use(decision.region), soci::use(day),
        soci::use(decision.outcome), soci::use(decision.from_level), soci::use(decision.to_level),
        soci::use(decision.reason), soci::use(decision.rules_version),
        soci::use(decision.programmes_version), soci::use(context.user),
        soci::use(context.recorded_at), soci::into(id);
    if (decision.proposal_id != 0) {
      soci::statement update =
          (session().prepare << "UPDATE level_proposals SET status = :outcome, decision_id = :id"
                                " WHERE id = :proposal AND status = 'pending'",
           soci::use(decision.outcome), soci::use(id), soci::use(proposal));
      update.execute(true);
      if (update.get_affected_rows() != 1) {
        return Status::Conflict(
            fmt::format("proposal {} was decided meanwhile", decision.proposal_id));
      }
    }
    for (const TaskRecord& task : tasks) {
      const int due = task.due.days_since_epoch();
      session() << "INSERT INTO response_tasks (decision_id, region_code, level, title, unit,"
                   " due_day, note) VALUES (:decision, :region, :level, :title, :unit, :due, '')",
          soci::use(id), soci::use(task.region), soci::use(task.level), soci::use(task.title),
          soci::use(task.unit), soci::use(due);
    }
    InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                               "levels.decide", fmt::format("decision/{}", id),
                               Json({{"region", decision.region}, {"level", decision.from_level}}),
                               Json({{"region", decision.region},
                                     {"level", decision.to_level},
                                     {"day", decision.day.ToString()},
                                     {"outcome", decision.outcome},
                                     {"proposal", decision.proposal_id},
                                     {"reason", decision.reason},
                                     {"rules_version", decision.rules_version},
                                     {"tasks", tasks.size()}})});
    transaction.Commit(ChangeKind::kLevels);
    DecisionRecord out = decision;
    out.id = id;
    out.decided_by = context.user;
    out.decided_at = context.recorded_at;
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("recording the decision", error);
  }
}

Result<std::vector<DecisionRecord>> SociLevelsStore::LoadDecisions() {
  try {
    std::vector<DecisionRecord> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM level_decisions ORDER BY id",
                                          kDecisionColumns));
    for (const soci::row& row : rows) out.push_back(DecisionFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading level decisions", error);
  }
}

Result<std::vector<TaskRecord>> SociLevelsStore::LoadTasks() {
  try {
    std::vector<TaskRecord> out;
    soci::rowset<soci::row> rows = (session().prepare << fmt::format(
                                        "SELECT {} FROM response_tasks ORDER BY id", kTaskColumns));
    for (const soci::row& row : rows) out.push_back(TaskFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading tasks", error);
  }
}

Status SociLevelsStore::CompleteTask(int64_t id, std::string_view note,
                                     const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    const long long key = id;
    std::string region;
    session() << "SELECT region_code FROM response_tasks WHERE id = :id", soci::use(key),
        soci::into(region);
    if (!session().got_data()) return Status::NotFound(fmt::format("task {} does not exist", id));
    const std::string text(note);
    soci::statement update =
        (session().prepare << "UPDATE response_tasks SET done_by = :by, done_at = :at,"
                              " note = :note WHERE id = :id AND done_at IS NULL",
         soci::use(context.user), soci::use(context.recorded_at), soci::use(text), soci::use(key));
    update.execute(true);
    if (update.get_affected_rows() != 1) {
      return Status::Conflict(fmt::format("task {} is done already", id));
    }
    InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address, "task.done",
                               fmt::format("task/{}", id), R"({"done":false})",
                               Json({{"done", true}, {"region", region}, {"note", text}})});
    transaction.Commit(ChangeKind::kLevels);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("completing the task", error);
  }
}

}  // namespace outbreak::store
