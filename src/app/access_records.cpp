#include "app/access_records.hpp"

namespace outbreak::app {

using access::Permission;
using record::Choice;
using record::Code;
using record::Text;

const record::Record<NewUser>& NewUserRecord() {
  static const record::Record<NewUser> kRecord{
      .schema = "NewUser",
      .list = "users",
      .about = "A user to add",
      .fields =
          {
              Code("name", &NewUser::name).About("1 to 64 letters, digits, '-', '_' or '.'"),
              Choice("role", &NewUser::role, access::AllRoles(), access::RoleName)
                  .About("at most the rights of the role adding it"),
              Code("region", &NewUser::region)
                  .About("home region: what the user may see and write; inside the adder's"),
              Text("password", &NewUser::password).About("at least the configured length"),
          },
      .key = {"name"},
      .owners = {{"region", ""}},
      .permission = Permission::kManageUsers,
  };
  return kRecord;
}

const record::Record<SignIn>& SignInRecord() {
  static const record::Record<SignIn> kRecord{
      .schema = "LoginRequest",
      .list = "sign-in",
      .about = "A user's name and password",
      .fields =
          {
              Text("name", &SignIn::name),
              Text("password", &SignIn::password),
          },
  };
  return kRecord;
}

}  // namespace outbreak::app
