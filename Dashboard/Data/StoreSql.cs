using System.Data.Common;
using Npgsql;

namespace Dashboard.Data;

/// <summary>
/// The few places where the store's hand-written SQL must differ between SQLite and PostgreSQL. Everything else is
/// written once in the common subset: quoted identifiers, @parameters, ON CONFLICT, RETURNING, UPDATE … FROM.
/// </summary>
internal static class StoreSql
{
    public static bool IsPostgres(DbConnection connection) => connection is NpgsqlConnection;

    /// <summary>
    /// A 64-bit integer primary-key column type: SQLite's INTEGER PRIMARY KEY is the row id itself (no second B-tree),
    /// PostgreSQL's INTEGER is 32-bit, so it gets BIGINT.
    /// </summary>
    public static string Int64Key(DbConnection connection) => IsPostgres(connection) ? "BIGINT PRIMARY KEY" : "INTEGER PRIMARY KEY";
}
