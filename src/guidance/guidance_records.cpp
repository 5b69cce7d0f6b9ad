#include "guidance/guidance_records.hpp"

namespace outbreak::guidance {

const record::Record<Official>& OfficialRecord() {
  static const record::Record<Official> kRecord{
      .schema = "GuidanceOfficialInput",
      .list = "officials",
      .about = "An official of the roster: position, fields of expertise and home province",
      .fields =
          {
              record::Code("code", &Official::code).About("stable identifier, e.g. OF-017"),
              record::Text("name", &Official::name),
              record::Choice("position", &Official::position,
                             {Position::kPresidiumMember, Position::kPolitburoMember,
                              Position::kPolitburoAlternate, Position::kSecretary,
                              Position::kDepartmentOfficial, Position::kCabinetOfficial,
                              Position::kJudicialOfficial, Position::kProsecutorialOfficial,
                              Position::kPublicHealthOfficial},
                             PositionName),
              record::Choices("expertise", &Official::expertise, ExpertiseNames()),
              record::Code("home", &Official::home).About("home province (region code)"),
              record::Flag("available", &Official::available).About("true when not given"),
              record::Code("user", &Official::user)
                  .Optional()
                  .About("the user who records the visits of the official's team"),
          },
      .key = {"code"},
      .owners = {{"home", ""}},
      .permission = access::Permission::kManageGuidance,
  };
  return kRecord;
}

}  // namespace outbreak::guidance
