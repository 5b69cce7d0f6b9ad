// SociGuidanceStore: officials, checklists, team plans, visits and findings.

#include "store/soci_store_guidance.hpp"

#include <map>
#include <set>

#include <fmt/format.h>
#include <soci/soci.h>
#include <boost/json.hpp>

#include "store/soci_store.hpp"
#include "store/write_transaction.hpp"

namespace outbreak::store {

namespace {

using boost::json::object;

object OfficialJson(const guidance::Official& o) {
  return {{"name", o.name},
          {"position", guidance::PositionName(o.position)},
          {"expertise", JoinCommaList(o.expertise)},
          {"home", o.home},
          {"available", o.available},
          {"user", o.user}};
}

guidance::Official OfficialFromRow(const soci::row& row) {
  guidance::Official o;
  o.code = row.get<std::string>(0);
  o.name = row.get<std::string>(1);
  o.position = guidance::ParsePosition(row.get<std::string>(2))
                   .value_or(guidance::Position::kDepartmentOfficial);
  o.expertise = SplitCommaList(row.get<std::string>(3));
  o.home = row.get<std::string>(4);
  o.available = IntegerAt(row, 5) != 0;
  o.user = OptionalText(row, 6);
  return o;
}

constexpr const char* kOfficialColumns =
    "code, name, position, expertise, home_region, available, user_name";

}  // namespace

Result<WriteCounts> SociGuidanceStore::SaveOfficials(std::span<const guidance::Official> officials,
                                                     const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    std::set<std::string> regions;
    soci::rowset<soci::row> codes = (session().prepare << "SELECT code FROM regions");
    for (const soci::row& row : codes) regions.insert(row.get<std::string>(0));
    std::map<std::string, guidance::Official> stored;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM guidance_officials", kOfficialColumns));
    for (const soci::row& row : rows) {
      guidance::Official o = OfficialFromRow(row);
      stored.emplace(o.code, std::move(o));
    }
    WriteCounts counts;
    for (const guidance::Official& official : officials) {
      if (!regions.contains(official.home)) {
        return Status::InvalidArgument(fmt::format("official {}: home region \"{}\" is not known",
                                                   official.code, official.home));
      }
      if (!official.user.empty()) {
        for (const auto& [code, other] : stored) {
          if (code != official.code && other.user == official.user) {
            bool moving = false;  // the other official is given another user in this same write
            for (const guidance::Official& next : officials) {
              if (next.code == code && next.user != official.user) moving = true;
            }
            if (!moving) {
              return Status::InvalidArgument(
                  fmt::format("official {}: user \"{}\" is already linked to official {}",
                              official.code, official.user, code));
            }
          }
        }
      }
      auto old = stored.find(official.code);
      if (old != stored.end() && old->second == official) {
        ++counts.unchanged;
        continue;
      }
      const std::string position(guidance::PositionName(official.position));
      const std::string expertise = JoinCommaList(official.expertise);
      const int available = official.available ? 1 : 0;
      soci::indicator user_ind = official.user.empty() ? soci::i_null : soci::i_ok;
      if (old != stored.end()) {
        // Free the user name first, so that two officials may swap users in one write.
        session() << "UPDATE guidance_officials SET user_name = NULL WHERE code = :code",
            soci::use(official.code);
      }
      session() << "INSERT INTO guidance_officials (code, name, position, expertise, home_region,"
                   " available, user_name, recorded_by, recorded_at) VALUES (:code, :name,"
                   " :position, :expertise, :home, :available, :user, :who, :at)"
                   " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                   " position = excluded.position, expertise = excluded.expertise,"
                   " home_region = excluded.home_region, available = excluded.available,"
                   " user_name = excluded.user_name, recorded_by = excluded.recorded_by,"
                   " recorded_at = excluded.recorded_at",
          soci::use(official.code), soci::use(official.name), soci::use(position),
          soci::use(expertise), soci::use(official.home), soci::use(available),
          soci::use(official.user, user_ind), soci::use(context.user),
          soci::use(context.recorded_at);
      if (old != stored.end()) {
        ++counts.updated;
        InsertAuditRow(session(),
                       {0, context.recorded_at, context.user, context.address, "official.update",
                        official.code, boost::json::serialize(OfficialJson(old->second)),
                        boost::json::serialize(OfficialJson(official))});
      } else {
        ++counts.added;
      }
      stored[official.code] = official;
    }
    if (counts.added > 0) {
      InsertAuditRow(session(), {0, context.recorded_at, context.user, context.address,
                                 "officials.add", context.source, "",
                                 boost::json::serialize(object{{"officials", counts.added},
                                                               {"reason", context.reason}})});
    }
    transaction.Commit(ChangeKind::kGuidance);
    return counts;
  } catch (const std::exception& error) {
    return DatabaseError("saving officials", error);
  }
}

Result<std::vector<guidance::Official>> SociGuidanceStore::LoadOfficials() {
  try {
    std::vector<guidance::Official> out;
    soci::rowset<soci::row> rows =
        (session().prepare << fmt::format("SELECT {} FROM guidance_officials ORDER BY code",
                                          kOfficialColumns));
    for (const soci::row& row : rows) out.push_back(OfficialFromRow(row));
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading officials", error);
  }
}

Result<int> SociGuidanceStore::SaveChecklist(const guidance::Checklist& checklist,
                                             const WriteContext& context) {
  try {
    WriteTransaction transaction(session(), dialect_);
    int latest = 0;
    soci::indicator latest_ind = soci::i_ok;
    session() << "SELECT MAX(version) FROM guidance_checklists", soci::into(latest, latest_ind);
    const int version = (latest_ind == soci::i_null ? 0 : latest) + 1;
    session() << "INSERT INTO guidance_checklists (version, title, created_by, created_at)"
                 " VALUES (:version, :title, :who, :at)",
        soci::use(version), soci::use(checklist.title), soci::use(context.user),
        soci::use(context.recorded_at);
    int seq = 0;
    for (const guidance::Question& q : checklist.questions) {
      const std::string topic(guidance::TopicName(q.topic));
      const std::string type(guidance::AnswerTypeName(q.type));
      session() << "INSERT INTO guidance_questions (version, code, seq, topic, text, answer_type)"
                   " VALUES (:version, :code, :seq, :topic, :text, :type)",
          soci::use(version), soci::use(q.code), soci::use(seq), soci::use(topic),
          soci::use(q.text), soci::use(type);
      ++seq;
    }
    InsertAuditRow(session(),
                   {0, context.recorded_at, context.user, context.address, "checklist.add",
                    fmt::format("checklist/{}", version), "",
                    boost::json::serialize(object{{"title", checklist.title},
                                                  {"questions", checklist.questions.size()},
                                                  {"source", context.source}})});
    transaction.Commit(ChangeKind::kGuidance);
    return version;
  } catch (const std::exception& error) {
    return DatabaseError("saving the checklist", error);
  }
}

Result<std::vector<guidance::Checklist>> SociGuidanceStore::LoadChecklists() {
  try {
    std::vector<guidance::Checklist> out;
    std::map<int, size_t> index;
    soci::rowset<soci::row> lists =
        (session().prepare << "SELECT version, title, created_by, created_at FROM"
                              " guidance_checklists ORDER BY version");
    for (const soci::row& row : lists) {
      guidance::Checklist checklist;
      checklist.version = static_cast<int>(IntegerAt(row, 0));
      checklist.title = row.get<std::string>(1);
      checklist.created_by = row.get<std::string>(2);
      checklist.created_at = row.get<std::string>(3);
      index[checklist.version] = out.size();
      out.push_back(std::move(checklist));
    }
    soci::rowset<soci::row> questions =
        (session().prepare << "SELECT version, code, topic, text, answer_type FROM"
                              " guidance_questions ORDER BY version, seq");
    for (const soci::row& row : questions) {
      auto it = index.find(static_cast<int>(IntegerAt(row, 0)));
      if (it == index.end()) continue;
      guidance::Question q;
      q.code = row.get<std::string>(1);
      q.topic =
          guidance::ParseTopic(row.get<std::string>(2)).value_or(guidance::Topic::kMedicineSupply);
      q.text = row.get<std::string>(3);
      q.type =
          guidance::ParseAnswerType(row.get<std::string>(4)).value_or(guidance::AnswerType::kText);
      out[it->second].questions.push_back(std::move(q));
    }
    return out;
  } catch (const std::exception& error) {
    return DatabaseError("loading checklists", error);
  }
}

}  // namespace outbreak::store
