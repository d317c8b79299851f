using Npgsql;

namespace Dashboard.Data.Import;

/// <summary>
/// The orders import's store on PostgreSQL (<see cref="PostgresBatch"/>): before a batch, the products, orders and
/// lines its rows name are loaded in one statement each; the rows are then checked against those plus what the batch
/// has written so far, and the new products, orders and lines go in with binary COPY after the batch (parents
/// first), changed orders and renamed products with one UPDATE each. A key the look-ahead did not load (an order
/// held back across batches) is loaded on demand, so answers are always those of the store plus the pending writes.
/// </summary>
internal sealed class OrderCopyStore : OrderStore
{
    private const int Source = 0, OrderNo = 1, SourceId = 3, Sku = 5;

    private readonly NpgsqlConnection _connection;
    private readonly long _runId;
    private readonly int _batchRows;
    private readonly IdBlock _productIds, _orderIds, _lineIds;
    private readonly PostgresCopy _productCopy, _orderCopy, _lineCopy;

    // What the batch knows: loaded from the store or written by the batch, not yet copied.
    private readonly KnownRows<string, ProductState> _products;
    private readonly KnownRows<(int SourceId, string OrderNo), OrderState> _orders;
    private readonly Dictionary<long, OrderState> _ordersById = [];
    private readonly Dictionary<(long OrderId, int LineNo), StoredLine> _lines = [];
    private readonly HashSet<long> _linesLoaded = [];

    public OrderCopyStore(NpgsqlConnection connection, long runId, int batchRows)
    {
        _connection = connection;
        _runId = runId;
        _batchRows = batchRows;
        (_productIds, _orderIds, _lineIds) = (new(connection, "Products"), new(connection, "Orders"), new(connection, "OrderLines"));
        _productCopy = new PostgresCopy(connection, "Products", ["Id", "Sku", "Name", "Category", "Price"]);
        _orderCopy = new PostgresCopy(connection, "Orders",
            ["Id", "SourceId", "OrderNo", "CustomerId", "SourceIdentityId", "PlacedAtUtc", "Total", "LineCount", "ImportRunId"]);
        _lineCopy = new PostgresCopy(connection, "OrderLines",
            ["Id", "OrderId", "LineNo", "ProductId", "Quantity", "UnitPrice", "Amount", "ImportRunId"]);
        _products = new((skus, found) => PostgresBatch.Read(connection,
            """SELECT "Id", "Sku", "Name", "Category", "Price" FROM "Products" WHERE "Sku" = ANY($1::text[])""", [skus.ToArray()],
            r => found(r.GetString(1), new ProductState(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDouble(4)))));
        _orders = new((keys, found) => PostgresBatch.Read(connection, """
            SELECT o."Id", o."SourceId", o."OrderNo", o."SourceIdentityId", o."PlacedAtUtc", o."Total", o."LineCount"
            FROM unnest($1::integer[], $2::text[]) AS k(s, n)
            JOIN "Orders" o ON o."SourceId" = k.s AND o."OrderNo" = k.n
            """, [keys.Select(k => k.SourceId).ToArray(), keys.Select(k => k.OrderNo).ToArray()],
            r =>
            {
                var order = new OrderState(r.GetInt64(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetDateTime(4), r.GetDouble(5), r.GetInt32(6));
                found((order.SourceId, order.OrderNo), order);
                _ordersById[order.Id] = order;
            }));
    }

    public override int BatchRows => _batchRows;

    public override void Prefetch(IReadOnlyList<CsvRecord> batch, (int SourceId, string OrderNo)? held, IdentityLookup identities, ReferenceCodes codes)
    {
        Flush();
        var rows = batch.Where(r => r.Readable)
            .Select(r => (Source: codes.SourceOf(r.Values[Source]), OrderNo: r.Trimmed(OrderNo), External: r.Trimmed(SourceId), Sku: r.Trimmed(Sku)))
            .Where(r => r.Source is not null)
            .Select(r => (Source: r.Source!.Value, r.OrderNo, r.External, r.Sku))
            .ToList();
        identities.Prefetch(_connection, rows.Select(r => (r.Source, r.External)));

        var skus = rows.Select(r => r.Sku).Distinct(StringComparer.Ordinal).ToList();
        _products.Load(skus);
        var keys = rows.Select(r => (r.Source, r.OrderNo));
        _orders.Load(held is { } h ? keys.Append(h) : keys);
        LoadLines(_ordersById.Keys.ToArray());

        // Ids for what the batch will use when its rows are valid (IdBlock): each new sku, an order insert for each
        // run of lines of one order (the held order's was counted with its first batch), a line insert per row.
        _productIds.Reserve(skus.Count(s => _products[s] is null));
        var (inserts, previous) = (0, held);
        foreach (var (source, orderNo, _, _) in rows)
        {
            inserts += (source, orderNo) == previous ? 0 : 1;
            previous = (source, orderNo);
        }
        _orderIds.Reserve(inserts);
        _lineIds.Reserve(rows.Count);
    }

    public override void Flush()
    {
        foreach (var product in _products.Values.Where(p => p.New))
        {
            _productCopy.Add([product.Id, product.Sku, product.Name, product.Category, product.Price]);
        }
        _productCopy.Flush();
        var renamed = _products.Values.Where(p => p.Renamed && !p.New).ToList();
        if (renamed.Count > 0)
        {
            PostgresBatch.Execute(_connection, """
                UPDATE "Products" p SET "Name" = u.name, "Category" = u.category
                FROM unnest($1::integer[], $2::text[], $3::text[]) AS u(id, name, category) WHERE p."Id" = u.id
                """, renamed.Select(p => p.Id).ToArray(), renamed.Select(p => p.Name).ToArray(), renamed.Select(p => p.Category).ToArray());
        }
        foreach (var order in _ordersById.Values.Where(o => o.New))
        {
            _orderCopy.Add([order.Id, order.SourceId, order.OrderNo, order.CustomerId, order.IdentityId, order.PlacedAt, order.Total, order.LineCount, _runId]);
        }
        _orderCopy.Flush();
        var grown = _ordersById.Values.Where(o => o.Grown && !o.New).ToList();
        if (grown.Count > 0)
        {
            // The totals were added up here, in the order the per-row path adds them in SQL: the same doubles.
            PostgresBatch.Execute(_connection, """
                UPDATE "Orders" o SET "Total" = u.total, "LineCount" = u.lines
                FROM unnest($1::bigint[], $2::double precision[], $3::integer[]) AS u(id, total, lines) WHERE o."Id" = u.id
                """, grown.Select(o => o.Id).ToArray(), grown.Select(o => o.Total).ToArray(), grown.Select(o => o.LineCount).ToArray());
        }
        _lineCopy.Flush();
        _products.Clear();
        _orders.Clear();
        _ordersById.Clear();
        _lines.Clear();
        _linesLoaded.Clear();
    }

    public override StoredProduct? FindProduct(string sku) => _products[sku] is { } p ? new StoredProduct(p.Id, p.Name, p.Category) : null;

    public override int InsertProduct(string sku, string name, string category, double price)
    {
        var product = new ProductState((int)_productIds.Next(), sku, name, category, price) { New = true };
        _products[sku] = product;
        return product.Id;
    }

    public override void RenameProduct(int id, string sku, string name, string category)
    {
        var product = _products[sku] ?? throw new InvalidOperationException($"product {id} ({sku}) is not stored");
        (product.Name, product.Category, product.Renamed) = (name, category, true);
    }

    public override long? InsertOrder(int sourceId, string orderNo, long customerId, long identityId, DateTime placedAt, double total, int lineCount)
    {
        if (_orders[(sourceId, orderNo)] is not null)
        {
            _orderIds.Next();
            return null;
        }
        var order = new OrderState(_orderIds.Next(), sourceId, orderNo, identityId, placedAt, total, lineCount)
        {
            CustomerId = customerId,
            New = true,
        };
        _orders[(sourceId, orderNo)] = order;
        _ordersById[order.Id] = order;
        return order.Id;
    }

    public override bool InsertLine(long orderId, int lineNo, int productId, int quantity, double unitPrice, double amount)
    {
        if (Line(orderId, lineNo) is not null)
        {
            _lineIds.Next();
            return false;
        }
        var id = _lineIds.Next();
        _lines[(orderId, lineNo)] = new StoredLine(productId, quantity, unitPrice, _runId, "");
        _lineCopy.Add([id, orderId, lineNo, productId, quantity, unitPrice, amount, _runId]);
        return true;
    }

    public override StoredOrder FindOrder(int sourceId, string orderNo)
    {
        var order = _orders[(sourceId, orderNo)]!;
        return new StoredOrder(order.Id, order.IdentityId, order.PlacedAt);
    }

    public override void AddToOrder(long id, double amount, int lines)
    {
        var order = _ordersById[id];
        (order.Total, order.LineCount, order.Grown) = (order.Total + amount, order.LineCount + lines, true);
    }

    public override StoredLine FindLine(long orderId, int lineNo) => Line(orderId, lineNo)!;

    public override void Dispose()
    {
    }

    private StoredLine? Line(long orderId, int lineNo)
    {
        // A new order's lines are all in the batch; a stored one's are loaded once.
        if (!(_ordersById.TryGetValue(orderId, out var order) && order.New) && !_linesLoaded.Contains(orderId))
        {
            LoadLines([orderId]);
        }
        return _lines.GetValueOrDefault((orderId, lineNo));
    }

    private void LoadLines(long[] orderIds)
    {
        if (orderIds.Length == 0)
        {
            return;
        }
        _linesLoaded.UnionWith(orderIds);
        PostgresBatch.Read(_connection, """
            SELECT l."OrderId", l."LineNo", l."ProductId", l."Quantity", l."UnitPrice", l."ImportRunId", p."Sku"
            FROM "OrderLines" l JOIN "Products" p ON p."Id" = l."ProductId"
            WHERE l."OrderId" = ANY($1::bigint[])
            """, [orderIds],
            r => _lines[(r.GetInt64(0), r.GetInt32(1))] = new StoredLine(r.GetInt32(2), r.GetInt32(3), r.GetDouble(4), r.IsDBNull(5) ? null : r.GetInt64(5), r.GetString(6)));
    }

    private sealed class ProductState(int id, string sku, string name, string category, double price)
    {
        public int Id => id;

        public string Sku => sku;

        public string Name { get; set; } = name;

        public string Category { get; set; } = category;

        public double Price => price;

        public bool New { get; init; }

        public bool Renamed { get; set; }
    }

    private sealed class OrderState(long id, int sourceId, string orderNo, long identityId, DateTime placedAt, double total, int lineCount)
    {
        public long Id => id;

        public int SourceId => sourceId;

        public string OrderNo => orderNo;

        public long CustomerId { get; init; }

        public long IdentityId => identityId;

        public DateTime PlacedAt => placedAt;

        public double Total { get; set; } = total;

        public int LineCount { get; set; } = lineCount;

        public bool New { get; init; }

        /// <summary>A stored order that got lines: its Total and LineCount are written after the batch.</summary>
        public bool Grown { get; set; }
    }
}
