#pragma once
// The records of access that come from outside, each declared once (record/record.hpp): a user to
// add and a sign-in. Their request bodies and API schemas are derived from these; the rules a name
// and a password follow beyond their fields are the AuthService's.

#include <string>

#include "access/role.hpp"
#include "record/record.hpp"

namespace outbreak::app {

struct NewUser {
  std::string name;
  access::Role role = access::Role::kViewer;
  std::string region;  // the user's home region: what it may see and write
  std::string password;
};
const record::Record<NewUser>& NewUserRecord();

struct SignIn {
  std::string name;
  std::string password;
};
const record::Record<SignIn>& SignInRecord();

}  // namespace outbreak::app
