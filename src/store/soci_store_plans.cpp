// SociStore: deployment plans and their deployments.

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

constexpr const char* kPlanColumns =
    "id, created_at, created_by, as_of, scope, level, horizon_days, status, adopted_by, "
    "adopted_at";

PlanRecord PlanFromRow(const soci::row& row) {
  PlanRecord plan;
  plan.id = IntegerAt(row, 0);
  plan.created_at = row.get<std::string>(1);
  plan.created_by = row.get<std::string>(2);
  plan.as_of = Date(static_cast<int32_t>(IntegerAt(row, 3)));
  plan.scope = row.get<std::string>(4);
  plan.level = static_cast<int>(IntegerAt(row, 5));
  plan.horizon_days = static_cast<int>(IntegerAt(row, 6));
  plan.status = row.get<std::string>(7);
  if (row.get_indicator(8) != soci::i_null) plan.adopted_by = row.get<std::string>(8);
  if (row.get_indicator(9) != soci::i_null) plan.adopted_at = row.get<std::string>(9);
  return plan;
}

}  // namespace

Result<int64_t> SociStore::SavePlan(const PlanRecord& plan, const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect());
    long long id = 0;
    const int as_of = plan.as_of.days_since_epoch();
    session() << "INSERT INTO care_plans (created_at, created_by, as_of, scope, level,"
                 " horizon_days, detail, status) VALUES (:at, :by, :as_of, :scope, :level,"
                 " :horizon, :detail, 'proposed') RETURNING id",
        soci::use(context.recorded_at), soci::use(context.user), soci::use(as_of),
        soci::use(plan.scope), soci::use(plan.level), soci::use(plan.horizon_days),
        soci::use(plan.detail), soci::into(id);
    int seq = 0;
    for (const DeploymentRecord& d : plan.deployments) {
      const std::string category(care::CategoryName(d.category));
      const long long workers = d.workers;
      const int start = d.start.days_since_epoch();
      const int end = d.end.days_since_epoch();
      session() << "INSERT INTO care_deployments (plan_id, seq, from_region, to_region, category,"
                   " workers, start_day, end_day, travel_hours) VALUES (:plan, :seq, :from, :to,"
                   " :category, :workers, :start, :end, :hours)",
          soci::use(id), soci::use(seq), soci::use(d.from), soci::use(d.to), soci::use(category),
          soci::use(workers), soci::use(start), soci::use(end), soci::use(d.travel_hours);
      ++seq;
    }
    InsertAudit(
        {0, context.recorded_at, context.user, context.address, "plan.propose",
         fmt::format("plan/{}", id), "",
         boost::json::serialize(boost::json::object{
             {"scope", plan.scope}, {"as_of", plan.as_of.ToString()}, {"deployments", seq}})});
    transaction.Commit(ChangeKind::kCare);
    return static_cast<int64_t>(id);
  } catch (const std::exception& error) {
    return DatabaseError("saving the plan", error);
  }
}

Result<std::vector<PlanRecord>> SociStore::ListPlans() {
  try {
    std::vector<PlanRecord> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM care_plans ORDER BY id DESC",
                                          kPlanColumns));
    for (const soci::row& row : rows) out.push_back(PlanFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("listing plans", error);
  }
}

Result<std::optional<PlanRecord>> SociStore::FindPlan(int64_t id) {
  try {
    const long long key = id;
    std::optional<PlanRecord> plan;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {}, detail FROM care_plans WHERE id = :id",
                                          kPlanColumns),
         soci::use(key));
    for (const soci::row& row : rows) {
      plan = PlanFromRow(row);
      plan->detail = row.get<std::string>(10);
    }
    if (!plan) return plan;
    soci::rowset<soci::row> deployments =
        (session().prepare << "SELECT plan_id, from_region, to_region, category, workers,"
                              " start_day, end_day, travel_hours FROM care_deployments"
                              " WHERE plan_id = :id ORDER BY seq",
         soci::use(key));
    for (const soci::row& row : deployments) {
      plan->deployments.push_back(
          {IntegerAt(row, 0), row.get<std::string>(1), row.get<std::string>(2),
           care::ParseCategory(row.get<std::string>(3)).value_or(care::WorkerCategory::kDoctor),
           IntegerAt(row, 4), Date(static_cast<int32_t>(IntegerAt(row, 5))),
           Date(static_cast<int32_t>(IntegerAt(row, 6))), row.get<double>(7)});
    }
    return plan;
  } catch (const std::exception& error) {
    return DatabaseError("finding the plan", error);
  }
}

Status SociStore::AdoptPlan(int64_t id, const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect());
    const long long key = id;
    std::string status;
    soci::indicator indicator = soci::i_null;
    session() << "SELECT status FROM care_plans WHERE id = :id", soci::use(key),
        soci::into(status, indicator);
    if (!session().got_data()) return Status::NotFound(fmt::format("plan {} does not exist", id));
    soci::statement update =
        (session().prepare << "UPDATE care_plans SET status = 'adopted', adopted_by = :by,"
                              " adopted_at = :at WHERE id = :id AND status = 'proposed'",
         soci::use(context.user), soci::use(context.recorded_at), soci::use(key));
    update.execute(true);
    if (update.get_affected_rows() != 1) {
      return Status::Conflict(fmt::format("plan {} is {}, not proposed", id, status));
    }
    InsertAudit({0, context.recorded_at, context.user, context.address, "plan.adopt",
                 fmt::format("plan/{}", id), R"({"status":"proposed"})",
                 boost::json::serialize(
                     boost::json::object{{"status", "adopted"}, {"reason", context.reason}})});
    transaction.Commit(ChangeKind::kCare);
    return Status::Ok();
  } catch (const std::exception& error) {
    return DatabaseError("adopting the plan", error);
  }
}

Result<std::vector<DeploymentRecord>> SociStore::LoadAdoptedDeployments() {
  try {
    std::vector<DeploymentRecord> out;
    soci::rowset<soci::row> rows =
        (session().prepare << "SELECT d.plan_id, d.from_region, d.to_region, d.category,"
                              " d.workers, d.start_day, d.end_day, d.travel_hours FROM"
                              " care_deployments d JOIN care_plans p ON p.id = d.plan_id"
                              " WHERE p.status = 'adopted' ORDER BY d.plan_id, d.seq");
    for (const soci::row& row : rows) {
      out.push_back(
          {IntegerAt(row, 0), row.get<std::string>(1), row.get<std::string>(2),
           care::ParseCategory(row.get<std::string>(3)).value_or(care::WorkerCategory::kDoctor),
           IntegerAt(row, 4), Date(static_cast<int32_t>(IntegerAt(row, 5))),
           Date(static_cast<int32_t>(IntegerAt(row, 6))), row.get<double>(7)});
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading adopted deployments", error);
  }
}

}  // namespace outbreak::store
