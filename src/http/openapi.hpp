#pragma once
// The OpenAPI 3 description of the API, generated from the route table so that every route is
// described and every description has a route.

#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "http/router.hpp"

namespace outbreak::http {

boost::json::value BuildOpenApi(const Router& router);

// The component schemas of the care resources (openapi_care.cpp).
boost::json::object CareSchemas();
// The component schemas of the guidance resources (openapi_guidance.cpp).
boost::json::object GuidanceSchemas();
// The component schemas of the supply resources (openapi_supply.cpp).
boost::json::object SupplySchemas();
// The component schemas of prevention levels (openapi_levels.cpp).
boost::json::object LevelsSchemas();

// Building blocks of the component schemas, shared by openapi*.cpp so that every resource
// describes a reference, a page or a batch the same way.
namespace schema {

// {"$ref": "#/components/schemas/<name>"}.
boost::json::object Ref(const std::string& name);
// {"type": <type>}.
boost::json::object Type(const char* type);
boost::json::object Integer();
boost::json::object Number();
boost::json::object String();
boost::json::object Boolean();
// A string in ISO 8601 date form.
boost::json::object Date();
// {"type": [<type>, "null"]}.
boost::json::object Nullable(const char* type);
boost::json::object ArrayOf(boost::json::object items);
// A string taking one of `values`.
boost::json::object Enum(boost::json::array values);
// An object with `properties`; "required" only when `required` is not empty.
boost::json::object Properties(boost::json::object properties, boost::json::array required = {});
// {"items": [<item>...], "total", "limit", "offset"}: a page of a list.
boost::json::object Page(const std::string& item);
// One <item> alone, or {"<list>": [<item>...], "reason": ...}.
boost::json::object Batch(const std::string& list, const std::string& item);

}  // namespace schema

}  // namespace outbreak::http
