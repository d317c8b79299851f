using System.Data;

namespace Dashboard.Data.Import;

/// <summary>An order as stored: what later lines of it are checked against.</summary>
internal sealed record StoredOrder(long Id, long IdentityId, DateTime PlacedAt);

/// <summary>An order line as stored, with its product's sku (for the message when a file disagrees).</summary>
internal sealed record StoredLine(int ProductId, int Quantity, double UnitPrice, long? ImportRunId, string Sku);

/// <summary>A product as stored.</summary>
internal readonly record struct StoredProduct(int Id, string Name, string Category);

/// <summary>
/// What the orders import reads from and writes to the store; <see cref="OrderWriter"/> holds the rules. Row by row
/// (SQLite, and PostgreSQL when its COPY path is off) every call is a statement; on PostgreSQL
/// <see cref="OrderCopyStore"/> answers from what it loaded for the batch and writes the batch at once.
/// </summary>
internal abstract class OrderStore : IDisposable
{
    public static OrderStore Create(ImportSession session) =>
        session.Copy is { } postgres ? new OrderCopyStore(postgres, session.RunId, session.CopyBatchRows) : new RowByRow(session);

    /// <inheritdoc cref="RowWriter.BatchRows"/>
    public virtual int BatchRows => 1;

    /// <summary>Writes what is pending and loads what the batch's rows (and the order held back from the last batch) will ask about.</summary>
    public virtual void Prefetch(IReadOnlyList<CsvRecord> batch, (int SourceId, string OrderNo)? held, IdentityLookup identities, ReferenceCodes codes)
    {
    }

    /// <summary>Writes what is pending (after the last row).</summary>
    public virtual void Flush()
    {
    }

    public abstract StoredProduct? FindProduct(string sku);

    public abstract int InsertProduct(string sku, string name, string category, double price);

    public abstract void RenameProduct(int id, string sku, string name, string category);

    /// <summary>Inserts an order; its new id, or null when (source, order number) is already stored.</summary>
    public abstract long? InsertOrder(int sourceId, string orderNo, long customerId, long identityId, DateTime placedAt, double total, int lineCount);

    /// <summary>Inserts an order line; false when (order, line number) is already stored.</summary>
    public abstract bool InsertLine(long orderId, int lineNo, int productId, int quantity, double unitPrice, double amount);

    /// <summary>The stored order (source, order number); it exists (an insert of it was just refused).</summary>
    public abstract StoredOrder FindOrder(int sourceId, string orderNo);

    /// <summary>Adds lines worth <paramref name="amount"/> to a stored order's Total and LineCount.</summary>
    public abstract void AddToOrder(long id, double amount, int lines);

    /// <summary>The stored line (order, line number); it exists (an insert of it was just refused).</summary>
    public abstract StoredLine FindLine(long orderId, int lineNo);

    public abstract void Dispose();

    private sealed class RowByRow : OrderStore
    {
        private readonly OrderInserts _inserts;
        private readonly SqlStatement _findOrder;
        private readonly SqlStatement _addToOrder;
        private readonly SqlStatement _findLine;
        private readonly SqlStatement _findProduct;
        private readonly InsertStatement _insertProduct;
        private readonly SqlStatement _renameProduct;

        public RowByRow(ImportSession session)
        {
            _inserts = OrderInserts.Create(session);
            _findOrder = session.Prepare("""
                SELECT "Id", "SourceIdentityId", "PlacedAtUtc" FROM "Orders" WHERE "SourceId" = @source AND "OrderNo" = @orderNo
                """, ("@source", DbType.Int32), ("@orderNo", DbType.String));
            _addToOrder = session.Prepare("""
                UPDATE "Orders" SET "Total" = "Total" + @amount, "LineCount" = "LineCount" + @lines WHERE "Id" = @id
                """, ("@amount", DbType.Double), ("@lines", DbType.Int32), ("@id", DbType.Int64));
            _findLine = session.Prepare("""
                SELECT l."ProductId", l."Quantity", l."UnitPrice", l."ImportRunId", p."Sku"
                FROM "OrderLines" l JOIN "Products" p ON p."Id" = l."ProductId"
                WHERE l."OrderId" = @order AND l."LineNo" = @lineNo
                """, ("@order", DbType.Int64), ("@lineNo", DbType.Int32));
            _findProduct = session.Prepare(
                "SELECT \"Id\", \"Name\", \"Category\" FROM \"Products\" WHERE \"Sku\" = @sku", ("@sku", DbType.String));
            _insertProduct = new InsertStatement(session.Connection, session.Transaction, session.IsSqlite,
                "INSERT INTO \"Products\" (\"Sku\", \"Name\", \"Category\", \"Price\") VALUES (@sku, @name, @category, @price)", "Id",
                ("@sku", DbType.String), ("@name", DbType.String), ("@category", DbType.String), ("@price", DbType.Double));
            _renameProduct = session.Prepare(
                "UPDATE \"Products\" SET \"Name\" = @name, \"Category\" = @category WHERE \"Id\" = @id",
                ("@name", DbType.String), ("@category", DbType.String), ("@id", DbType.Int32));
        }

        public override StoredProduct? FindProduct(string sku)
        {
            using var reader = _findProduct.Bind(sku).ReadOne();
            return reader.Read() ? new StoredProduct(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)) : null;
        }

        public override int InsertProduct(string sku, string name, string category, double price) =>
            (int)_insertProduct.Bind(sku, name, category, price).Execute()!.Value;

        public override void RenameProduct(int id, string sku, string name, string category) => _renameProduct.Bind(name, category, id).Execute();

        public override long? InsertOrder(int sourceId, string orderNo, long customerId, long identityId, DateTime placedAt, double total, int lineCount) =>
            _inserts.Order(sourceId, orderNo, customerId, identityId, placedAt, total, lineCount);

        public override bool InsertLine(long orderId, int lineNo, int productId, int quantity, double unitPrice, double amount) =>
            _inserts.Line(orderId, lineNo, productId, quantity, unitPrice, amount);

        public override StoredOrder FindOrder(int sourceId, string orderNo)
        {
            using var reader = _findOrder.Bind(sourceId, orderNo).ReadOne();
            reader.Read();
            return new StoredOrder(reader.GetInt64(0), reader.GetInt64(1), reader.GetDateTime(2));
        }

        public override void AddToOrder(long id, double amount, int lines) => _addToOrder.Bind(amount, lines, id).Execute();

        public override StoredLine FindLine(long orderId, int lineNo)
        {
            using var reader = _findLine.Bind(orderId, lineNo).ReadOne();
            reader.Read();
            return new StoredLine(reader.GetInt32(0), reader.GetInt32(1), reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetString(4));
        }

        public override void Dispose()
        {
            _inserts.Dispose();
            _findOrder.Dispose();
            _addToOrder.Dispose();
            _findLine.Dispose();
            _findProduct.Dispose();
            _insertProduct.Dispose();
            _renameProduct.Dispose();
        }
    }
}
