#pragma once
// The routes of a table of records declared once (record/record.hpp): GET <path>, a page of the
// rows under the caller's region (or the whole table for data of the whole country), and POST
// <path>, rows to add or replace by key, all or nothing. Everything a handler would check by hand
// comes from the declaration: the body's fields, the permission, whether only the nation writes,
// and the owners of every row (each in the caller's region; a row moved between regions needs
// rights over both).

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "app/auth_service.hpp"
#include "http/api_helpers.hpp"
#include "http/http_types.hpp"
#include "http/json_response.hpp"
#include "http/openapi.hpp"
#include "http/router.hpp"
#include "record/record_json.hpp"
#include "store/store.hpp"

namespace outbreak::http {

// One owner of one row of a write: where it is in the body ("nodes[2].region"), what its value
// names (`via`, as record::Owner), the value, and for a row that replaces one of another region,
// the region it is in now.
struct OwnerClaim {
  std::string where;
  std::string via;
  std::string code;
  std::string region_now;  // "" unless the row exists in another region
};

// Resolves and checks owner claims: kInvalidArgument for a code that names nothing, kForbidden for
// an owner (or a current region) outside the caller's region, each named.
using OwnerCheck = std::function<Status(const RequestContext&, const std::vector<OwnerClaim>&)>;

struct OwnerGate {
  // The region an owner's code is in (kNotFound when it names nothing known): `via` as in
  // record::Owner.
  std::function<Result<std::string>(const std::string& via, const std::string& code)> region;
  OwnerCheck check;
};

// "\"X\" is not a known supply node" (region, treatment centre).
std::string UnknownOwner(const std::string& via, const std::string& code);

// {"added", "updated", "unchanged"}.
boost::json::object WriteCountsJson(const store::WriteCounts& counts);

template <typename T>
struct TableRoutes {
  const record::Record<T>* record = nullptr;
  std::string path;  // "/api/v1/supply/nodes"
  std::string tag;   // groups the routes in the API's description
  std::string read_summary;
  std::string write_summary;
  // The rows that belong under the region coded `region` (all rows for national data); when
  // empty, the table's read is a route of its own and only the write is added.
  std::function<Result<std::vector<T>>(const std::string& region)> rows;
  // Saves the rows, all or nothing, and answers the write's result.
  std::function<Result<boost::json::object>(const std::vector<T>&, const app::Actor&)> save;
  // The region the stored row of `row`'s key is in (kNotFound for a new key); empty when a row's
  // region follows from its key alone.
  std::function<Result<std::string>(const T&)> region_now;
  std::string result_schema = "SupplyWriteResult";  // the schema of what `save` answers
};

// `save` for a service call that answers the counts of rows added, updated and unchanged.
template <typename Save>
auto Counted(Save save) {
  return [save](const auto& rows, const app::Actor& actor) -> Result<boost::json::object> {
    Result<store::WriteCounts> counts = save(rows, actor);
    if (!counts.ok()) return counts.status();
    return WriteCountsJson(*counts);
  };
}

template <typename T>
void AddTableRoutes(Router& router, const TableRoutes<T>& table, const OwnerGate& owners) {
  const record::Record<T>& record = *table.record;
  const bool scoped = !record.owners.empty();
  router.AddSchema(record.schema, record::Schema(record));
  router.AddSchema(record.schema + "Page", schema::Page(record.schema));
  router.AddSchema(record.schema + "Batch", schema::Batch(record.list, record.schema));
  std::vector<ParamDoc> read_params = {{"limit", "integer", "Page size, 1 to 1000 (default 100)"},
                                       {"offset", "integer", "Items to skip (default 0)"}};
  if (scoped) {
    read_params.insert(read_params.begin(),
                       {"region", "string", "Region code (default: your home region)"});
  }
  if (table.rows) {
    router.Add({"GET",
                table.path,
                access::Permission::kReadSurveillance,
                scoped ? "region" : "",
                {table.read_summary, table.tag, read_params, "", record.schema + "Page"},
                [table](RequestContext& context) {
                  const Paging& paging = context.paging;
                  std::string region = context.Param("region");
                  if (region.empty()) region = context.principal.region;
                  auto rows = table.rows(region);
                  if (!rows.ok()) return ErrorResponse(rows.status());
                  return JsonResponse(200, PageOf(*rows, paging, [&](const T& row) {
                                        return record::ToJson(*table.record, row);
                                      }));
                }});
  }
  router.Add(
      {"POST",
       table.path,
       record.permission,
       "",
       {table.write_summary, table.tag, {}, record.schema + "Batch", table.result_schema, 201},
       [table, owners](RequestContext& context) {
         const record::Record<T>& declared = *table.record;
         // An owner that names nothing known is a mistake of the body, reported with the others;
         // whether the caller may write for it is judged once the whole body is read.
         // Each name is looked up once per request: a body of 10,000 links names few nodes.
         std::map<std::pair<std::string, std::string>, bool> unknown;
         auto known = [&](const T& row, const record::Problem& problem) {
           for (const record::Owner& owner : declared.owners) {
             const std::string code = record::ToText(declared.Find(owner.field)->get(row));
             auto [at, added] = unknown.try_emplace({owner.via, code}, false);
             if (added) {
               at->second = owners.region(owner.via, code).status().code() == StatusCode::kNotFound;
             }
             if (at->second) problem(owner.field, UnknownOwner(owner.via, code));
           }
         };
         auto body = record::ReadBody<T>(declared, context.request.body, known);
         if (!body.ok()) return ErrorResponse(body.status());
         std::vector<OwnerClaim> claims;
         for (size_t idx = 0; idx < body->items.size(); ++idx) {
           const T& row = body->items[idx];
           std::string now;
           if (table.region_now) {
             Result<std::string> found = table.region_now(row);
             if (found.ok()) {
               now = *found;
             } else if (found.status().code() != StatusCode::kNotFound) {
               return ErrorResponse(found.status());
             }
           }
           for (const record::Owner& owner : declared.owners) {
             const std::string code = record::ToText(declared.Find(owner.field)->get(row));
             claims.push_back({body->where[idx] + "." + owner.field, owner.via, code,
                               owner.via.empty() && now != code ? now : ""});
           }
         }
         if (Status s = owners.check(context, claims); !s.ok()) return ErrorResponse(s);
         const app::Actor actor{context.principal.user, body->reason, "api",
                                context.request.remote_address};
         auto written = table.save(body->items, actor);
         if (!written.ok()) return ErrorResponse(written.status());
         return JsonResponse(201, *written);
       },
       record.national});
}

}  // namespace outbreak::http
