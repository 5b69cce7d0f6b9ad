// SociGuidanceStore: team plans, visits and findings.

#include <map>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/soci_store_guidance.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

using boost::json::object;

}  // namespace

Result<int64_t> SociGuidanceStore::SaveGuidancePlan(const GuidancePlanRecord& plan,
                                                    const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    long long id = 0;
    session() << "INSERT INTO guidance_plans (created_at, created_by, status, detail) VALUES"
                 " (:at, :by, 'proposed', :detail) RETURNING id",
        soci::use(context.recorded_at), soci::use(context.user), soci::use(plan.detail),
        soci::into(id);
    int seq = 1;
    for (const GuidanceTeamRecord& team : plan.teams) {
      long long team_id = 0;
      const std::string provinces = JoinCommaList(team.provinces);
      const std::string duties = JoinCommaList(team.duties);
      session() << "INSERT INTO guidance_teams (plan_id, seq, area, area_name, provinces, leader,"
                   " workload, duties) VALUES (:plan, :seq, :area, :name, :provinces, :leader,"
                   " :workload, :duties) RETURNING id",
          soci::use(id), soci::use(seq), soci::use(team.area), soci::use(team.area_name),
          soci::use(provinces), soci::use(team.leader), soci::use(team.workload), soci::use(duties),
          soci::into(team_id);
      int member_seq = 0;
      for (const std::string& member : team.members) {
        session() << "INSERT INTO guidance_team_members (team_id, official, seq) VALUES (:team,"
                     " :official, :seq)",
            soci::use(team_id), soci::use(member), soci::use(member_seq);
        ++member_seq;
      }
      ++seq;
    }
    InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                               "guidance_plan.propose", fmt::format("guidance_plan/{}", id), "",
                               boost::json::serialize(object{{"teams", plan.teams.size()}})});
    transaction.Commit(ChangeKind::kGuidance);
    return static_cast<int64_t>(id);
  } catch (const std::exception& error) {
    return DatabaseError("saving the team plan", error);
  }
}

Result<std::vector<GuidancePlanRecord>> SociGuidanceStore::LoadGuidancePlans() {
  try {
    std::vector<GuidancePlanRecord> out;
    std::map<int64_t, size_t> plan_index;
    soci::rowset<soci::row> plans =
        (session().prepare << "SELECT id, created_at, created_by, status, adopted_by, adopted_at,"
                              " detail FROM guidance_plans ORDER BY id DESC");
    for (const soci::row& row : plans) {
      GuidancePlanRecord plan;
      plan.id = IntegerAt(row, 0);
      plan.created_at = row.get<std::string>(1);
      plan.created_by = row.get<std::string>(2);
      plan.status = row.get<std::string>(3);
      plan.adopted_by = OptionalText(row, 4);
      plan.adopted_at = OptionalText(row, 5);
      plan.detail = row.get<std::string>(6);
      plan_index[plan.id] = out.size();
      out.push_back(std::move(plan));
    }
    std::map<int64_t, std::pair<size_t, size_t>> team_index;
    soci::rowset<soci::row> teams =
        (session().prepare << "SELECT id, plan_id, seq, area, area_name, provinces, leader,"
                              " workload, duties FROM guidance_teams ORDER BY plan_id, seq");
    for (const soci::row& row : teams) {
      GuidanceTeamRecord team;
      team.id = IntegerAt(row, 0);
      team.plan_id = IntegerAt(row, 1);
      team.seq = static_cast<int>(IntegerAt(row, 2));
      team.area = row.get<std::string>(3);
      team.area_name = row.get<std::string>(4);
      team.provinces = SplitCommaList(row.get<std::string>(5));
      team.leader = row.get<std::string>(6);
      team.workload = row.get<double>(7);
      team.duties = SplitCommaList(row.get<std::string>(8));
      auto plan = plan_index.find(team.plan_id);
      if (plan == plan_index.end()) continue;
      std::vector<GuidanceTeamRecord>& list = out[plan->second].teams;
      team_index[team.id] = {plan->second, list.size()};
      list.push_back(std::move(team));
    }
    soci::rowset<soci::row> members =
        (session().prepare << "SELECT team_id, official FROM guidance_team_members ORDER BY"
                              " team_id, seq");
    for (const soci::row& row : members) {
      auto it = team_index.find(IntegerAt(row, 0));
      if (it == team_index.end()) continue;
      out[it->second.first].teams[it->second.second].members.push_back(row.get<std::string>(1));
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading team plans", error);
  }
}

Status SociGuidanceStore::AdoptGuidancePlan(int64_t id, const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    const long long plan_id = id;
    std::string status;
    soci::indicator status_ind = soci::i_ok;
    session() << "SELECT status FROM guidance_plans WHERE id = :id", soci::use(plan_id),
        soci::into(status, status_ind);
    if (!session().got_data()) {
      return Status::NotFound(fmt::format("team plan {} is not known", id));
    }
    if (status != "proposed") {
      return Status::Conflict(fmt::format(
          "team plan {} is {}, not proposed: only a proposed plan is adopted", id, status));
    }
    long long previous = 0;
    soci::indicator previous_ind = soci::i_ok;
    session() << "SELECT MAX(id) FROM guidance_plans WHERE status = 'adopted'",
        soci::into(previous, previous_ind);
    session() << "UPDATE guidance_plans SET status = 'superseded' WHERE status = 'adopted'";
    soci::statement adopt =
        (session().prepare << "UPDATE guidance_plans SET status = 'adopted', adopted_by = :by,"
                              " adopted_at = :at WHERE id = :id AND status = 'proposed'",
         soci::use(context.user), soci::use(context.recorded_at), soci::use(plan_id));
    adopt.execute(true);
    if (adopt.get_affected_rows() != 1) {
      return Status::Conflict(fmt::format("team plan {} was adopted meanwhile", id));
    }
    object change{{"status", "adopted"}};
    if (previous_ind != soci::i_null) change["superseded"] = previous;
    InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                               "guidance_plan.adopt", fmt::format("guidance_plan/{}", id),
                               R"({"status":"proposed"})", boost::json::serialize(change)});
    transaction.Commit(ChangeKind::kGuidance);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("adopting the team plan", error);
  }
}

Result<guidance::Visit> SociGuidanceStore::SaveVisit(
    const guidance::Visit& visit, std::span<const guidance::FindingInput> findings,
    const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    guidance::Visit out = visit;
    out.recorded_by = context.user;
    out.recorded_at = context.recorded_at;
    out.findings.clear();
    long long id = 0;
    const long long team = visit.team;
    const int day = visit.date.days_since_epoch();
    session() << "INSERT INTO guidance_visits (team_id, region_code, day, checklist_version, note,"
                 " recorded_by, recorded_at) VALUES (:team, :region, :day, :version, :note, :who,"
                 " :at) RETURNING id",
        soci::use(team), soci::use(visit.region), soci::use(day),
        soci::use(visit.checklist_version), soci::use(visit.note), soci::use(context.user),
        soci::use(context.recorded_at), soci::into(id);
    out.id = id;
    int seq = 0;
    for (const guidance::Answer& answer : visit.answers) {
      session()
          << "INSERT INTO guidance_answers (visit_id, checklist_version, question, seq, value)"
             " VALUES (:visit, :version, :question, :seq, :value)",
          soci::use(id), soci::use(visit.checklist_version), soci::use(answer.question),
          soci::use(seq), soci::use(answer.value);
      ++seq;
    }
    for (const guidance::FindingInput& finding : findings) {
      long long finding_id = 0;
      const std::string topic(guidance::TopicName(finding.topic));
      const std::string severity(guidance::SeverityName(finding.severity));
      session() << "INSERT INTO guidance_findings (visit_id, topic, severity, evidence, measure,"
                   " owner, status) VALUES (:visit, :topic, :severity, :evidence, :measure,"
                   " :owner, 'open') RETURNING id",
          soci::use(id), soci::use(topic), soci::use(severity), soci::use(finding.evidence),
          soci::use(finding.measure), soci::use(finding.owner), soci::into(finding_id);
      out.findings.push_back(finding_id);
    }
    InsertAuditRow(session(),
                   {0, context.recorded_at, context.user, context.address, "visit.add",
                    fmt::format("visit/{}", out.id), "",
                    boost::json::serialize(object{{"team", visit.team},
                                                  {"region", visit.region},
                                                  {"date", visit.date.ToString()},
                                                  {"checklist_version", visit.checklist_version},
                                                  {"answers", visit.answers.size()},
                                                  {"findings", findings.size()}})});
    transaction.Commit(ChangeKind::kGuidance);
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("saving the visit", error);
  }
}

Result<std::vector<guidance::Visit>> SociGuidanceStore::LoadVisits() {
  try {
    std::vector<guidance::Visit> out;
    std::map<int64_t, size_t> index;
    soci::rowset<soci::row> visits =
        (session().prepare << "SELECT id, team_id, region_code, day, checklist_version, note,"
                              " recorded_by, recorded_at FROM guidance_visits ORDER BY id");
    for (const soci::row& row : visits) {
      guidance::Visit visit;
      visit.id = IntegerAt(row, 0);
      visit.team = IntegerAt(row, 1);
      visit.region = row.get<std::string>(2);
      visit.date = Date(static_cast<int32_t>(IntegerAt(row, 3)));
      visit.checklist_version = static_cast<int>(IntegerAt(row, 4));
      visit.note = row.get<std::string>(5);
      visit.recorded_by = row.get<std::string>(6);
      visit.recorded_at = row.get<std::string>(7);
      index[visit.id] = out.size();
      out.push_back(std::move(visit));
    }
    soci::rowset<soci::row> answers =
        (session().prepare << "SELECT visit_id, question, value FROM guidance_answers ORDER BY"
                              " visit_id, seq");
    for (const soci::row& row : answers) {
      auto it = index.find(IntegerAt(row, 0));
      if (it != index.end()) {
        out[it->second].answers.push_back({row.get<std::string>(1), row.get<std::string>(2)});
      }
    }
    soci::rowset<soci::row> findings =
        (session().prepare << "SELECT visit_id, id FROM guidance_findings ORDER BY id");
    for (const soci::row& row : findings) {
      auto it = index.find(IntegerAt(row, 0));
      if (it != index.end()) out[it->second].findings.push_back(IntegerAt(row, 1));
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading visits", error);
  }
}

Result<std::vector<guidance::Finding>> SociGuidanceStore::LoadFindings() {
  try {
    std::vector<guidance::Finding> out;
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT f.id, f.visit_id, v.team_id, v.region_code, v.day, f.topic,"
                              " f.severity, f.evidence, f.measure, f.owner, f.status, f.closed_by,"
                              " f.closed_at, f.closure, v.recorded_by, v.recorded_at"
                              " FROM guidance_findings f JOIN guidance_visits v ON v.id ="
                              " f.visit_id ORDER BY f.id");
    for (const soci::row& row : rows) {
      guidance::Finding f;
      f.id = IntegerAt(row, 0);
      f.visit = IntegerAt(row, 1);
      f.team = IntegerAt(row, 2);
      f.region = row.get<std::string>(3);
      f.date = Date(static_cast<int32_t>(IntegerAt(row, 4)));
      f.detail.topic =
          guidance::ParseTopic(row.get<std::string>(5)).value_or(guidance::Topic::kMedicineSupply);
      f.detail.severity =
          guidance::ParseSeverity(row.get<std::string>(6)).value_or(guidance::Severity::kMedium);
      f.detail.evidence = row.get<std::string>(7);
      f.detail.measure = row.get<std::string>(8);
      f.detail.owner = row.get<std::string>(9);
      f.status = guidance::ParseFindingStatus(row.get<std::string>(10))
                     .value_or(guidance::FindingStatus::kOpen);
      f.closed_by = OptionalText(row, 11);
      f.closed_at = OptionalText(row, 12);
      f.closure = OptionalText(row, 13);
      f.recorded_by = row.get<std::string>(14);
      f.recorded_at = row.get<std::string>(15);
      out.push_back(std::move(f));
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading findings", error);
  }
}

Status SociGuidanceStore::CloseFinding(int64_t id, std::string_view closure,
                                       const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    const long long finding_id = id;
    std::string status;
    session() << "SELECT status FROM guidance_findings WHERE id = :id", soci::use(finding_id),
        soci::into(status);
    if (!session().got_data()) return Status::NotFound(fmt::format("finding {} is not known", id));
    const std::string how(closure);
    soci::statement close =
        (session().prepare << "UPDATE guidance_findings SET status = 'closed', closed_by = :by,"
                              " closed_at = :at, closure = :how WHERE id = :id AND status = 'open'",
         soci::use(context.user), soci::use(context.recorded_at), soci::use(how),
         soci::use(finding_id));
    close.execute(true);
    if (close.get_affected_rows() != 1) {
      return Status::Conflict(fmt::format("finding {} is already closed", id));
    }
    InsertAuditRow(session(),
                   {0, context.recorded_at, context.user, context.address, "finding.close",
                    fmt::format("finding/{}", id), R"({"status":"open"})",
                    boost::json::serialize(object{{"status", "closed"}, {"how", how}})});
    transaction.Commit(ChangeKind::kGuidance);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("closing the finding", error);
  }
}

}  // namespace outbreak::store
