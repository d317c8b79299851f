using System.Globalization;

namespace Dashboard.Data.Import;

/// <summary>
/// orders files: one row per order line. The buyer must already exist; products are upserted by sku. The lines
/// of an order that follow each other in the file are held back and written together, so each order is inserted
/// once with its Total and LineCount (its indexes hold Total; updating it per line would rewrite them). Lines of
/// an order that come later, or of an order already stored, are added to it and its totals updated.
/// </summary>
internal sealed class OrderWriter : RowWriter
{
    private const int Source = 0, OrderNo = 1, LineNo = 2, SourceId = 3, OrderedAt = 4, Sku = 5, ProductName = 6,
        Category = 7, Quantity = 8, UnitPrice = 9;

    // An order with more lines than this is written in parts (memory stays bounded whatever the file holds).
    private const int MaxHeldLines = 10_000;

    private readonly IdentityLookup _identities;
    private readonly OrderStore _store;
    private readonly ProductUpserts _products;
    private HeldOrder? _held;
    private long _newOrders;

    public OrderWriter(ImportSession session) : base(session)
    {
        _identities = new IdentityLookup(Prepare(IdentityLookup.Sql, IdentityLookup.Parameters));
        _store = Own(OrderStore.Create(session));
        _products = new ProductUpserts(_store);
    }

    public override string? Summary => $"{_newOrders} new orders, {_products.Created} new products, {_products.Renamed} product renames";

    public override int BatchRows => _store.BatchRows;

    public override void Prefetch(IReadOnlyList<CsvRecord> batch) =>
        _store.Prefetch(batch, _held is { } held ? (held.SourceId, held.OrderNo) : null, _identities, Session.Codes);

    public override void Write(ImportRow row)
    {
        var sourceId = Session.Codes.Source(row, Source);
        var orderNo = row.Required(OrderNo, 60);
        var lineNo = row.Whole(LineNo, true, 1, int.MaxValue);
        var externalId = row.Required(SourceId, 100);
        var orderedAt = row.Date(OrderedAt, required: true);
        var sku = row.Required(Sku, 60);
        var productName = row.Required(ProductName, 200);
        var category = row.Required(Category, 60);
        var quantity = row.Whole(Quantity, true, 1, 1_000_000);
        var unitPrice = row.Number(UnitPrice, true, 0);
        if (row.HasProblems || sourceId is null || lineNo is null || orderedAt is null || quantity is null || unitPrice is null)
        {
            return;
        }
        if (_identities.Find(sourceId.Value, externalId) is not { } buyer)
        {
            row.Problem(SourceId, $"unknown customer {row.Raw(Source).Trim()}/{ImportRow.Clip(externalId)}: import customers first (a customers file with this source and source_id)");
            return;
        }

        var line = new HeldLine(row.Line, lineNo.Value, _products.Resolve(sku, productName, category, unitPrice.Value), sku, quantity.Value, unitPrice.Value);
        if (_held is { } held && held.SourceId == sourceId && held.OrderNo == orderNo)
        {
            if (held.IdentityId != buyer.IdentityId)
            {
                row.Problem(SourceId, $"order {ImportRow.Clip(orderNo)} has another buyer on an earlier line; all lines of one order must have the same source_id");
            }
            else if (!SameTime(held.PlacedAt, orderedAt.Value))
            {
                row.Problem(OrderedAt, $"order {ImportRow.Clip(orderNo)} was placed at {Iso(held.PlacedAt)} on an earlier line; all lines of one order must have the same ordered_at");
            }
            else if (held.Lines.Exists(l => l.LineNo == line.LineNo))
            {
                row.Problem(LineNo, $"duplicate order line: order {ImportRow.Clip(orderNo)} line {line.LineNo} appears more than once in this file");
            }
            else
            {
                held.Lines.Add(line);
                if (held.Lines.Count >= MaxHeldLines)
                {
                    WriteHeldOrder();
                }
            }
            return;
        }
        WriteHeldOrder();
        _held = new HeldOrder(sourceId.Value, orderNo, buyer.IdentityId, buyer.CustomerId, orderedAt.Value, [line]);
    }

    public override void EndOfFile()
    {
        WriteHeldOrder();
        _store.Flush();
    }

    private void WriteHeldOrder()
    {
        if (_held is not { } order)
        {
            return;
        }
        _held = null;
        var total = 0.0;
        foreach (var line in order.Lines)
        {
            total += line.Amount;
        }
        if (_store.InsertOrder(order.SourceId, order.OrderNo, order.CustomerId, order.IdentityId, order.PlacedAt, total, order.Lines.Count) is { } id)
        {
            foreach (var line in order.Lines)
            {
                InsertLine(id, line);
            }
            Inserted += order.Lines.Count;
            _newOrders++;
            return;
        }
        AddToStoredOrder(order);
    }

    // The order is already stored: from an earlier import, or from earlier lines of this file that were not next to these.
    private void AddToStoredOrder(HeldOrder order)
    {
        var (id, identityId, placedAt) = _store.FindOrder(order.SourceId, order.OrderNo);
        var problems = Session.Problems;
        var (added, amount) = (0, 0.0);
        foreach (var line in order.Lines)
        {
            if (identityId != order.IdentityId)
            {
                problems.Add(line.FileLine, "source_id", $"order {ImportRow.Clip(order.OrderNo)} has another buyer in the store or on an earlier line; all lines of one order must have the same source_id");
            }
            else if (!SameTime(placedAt, order.PlacedAt))
            {
                problems.Add(line.FileLine, "ordered_at", $"order {ImportRow.Clip(order.OrderNo)} was placed at {Iso(placedAt)} (in the store or on an earlier line); all lines of one order must have the same ordered_at");
            }
            else if (InsertLine(id, line))
            {
                (added, amount) = (added + 1, amount + line.Amount);
            }
            else
            {
                CompareStoredLine(order.OrderNo, id, line);
            }
        }
        if (added > 0)
        {
            _store.AddToOrder(id, amount, added);
            Inserted += added;
        }
    }

    private bool InsertLine(long orderId, HeldLine line) =>
        _store.InsertLine(orderId, line.LineNo, line.ProductId, line.Quantity, line.UnitPrice, line.Amount);

    private void CompareStoredLine(string orderNo, long orderId, HeldLine line)
    {
        var (storedProduct, storedQuantity, storedPrice, storedRun, storedSku) = _store.FindLine(orderId, line.LineNo);
        if (storedRun == Session.RunId)
        {
            Session.Problems.Add(line.FileLine, "line_no", $"duplicate order line: order {ImportRow.Clip(orderNo)} line {line.LineNo} appears more than once in this file");
            return;
        }
        if (storedProduct == line.ProductId && storedQuantity == line.Quantity && storedPrice.Equals(line.UnitPrice))
        {
            Unchanged++;
            return;
        }
        var column = storedProduct != line.ProductId ? "sku" : storedQuantity != line.Quantity ? "quantity" : "unit_price";
        Session.Problems.Add(line.FileLine, column, string.Create(CultureInfo.InvariantCulture,
            $"duplicate order line: order {ImportRow.Clip(orderNo)} line {line.LineNo} is already stored with different values (sku '{storedSku}', quantity {storedQuantity}, unit_price {storedPrice}; the file says sku '{line.Sku}', quantity {line.Quantity}, unit_price {line.UnitPrice})"));
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed record HeldOrder(int SourceId, string OrderNo, long IdentityId, long CustomerId, DateTime PlacedAt, List<HeldLine> Lines);

    private sealed record HeldLine(long FileLine, int LineNo, int ProductId, string Sku, int Quantity, double UnitPrice)
    {
        public double Amount => Quantity * UnitPrice;
    }
}

/// <summary>Products by sku, through a bounded cache: inserted when new (list price = the first unit price seen), renamed when the file says otherwise.</summary>
internal sealed class ProductUpserts(OrderStore store)
{
    private readonly BoundedCache<string, (int Id, string Name, string Category)> _cache = new(50_000, StringComparer.Ordinal);

    public long Created { get; private set; }

    public long Renamed { get; private set; }

    public int Resolve(string sku, string name, string category, double unitPrice)
    {
        if (_cache.TryGet(sku, out var product) && string.Equals(product.Name, name, StringComparison.Ordinal)
            && string.Equals(product.Category, category, StringComparison.Ordinal))
        {
            return product.Id;
        }
        if (product.Id == 0 && store.FindProduct(sku) is { } stored)
        {
            product = (stored.Id, stored.Name, stored.Category);
        }
        if (product.Id == 0)
        {
            product = (store.InsertProduct(sku, name, category, unitPrice), name, category);
            Created++;
        }
        else if (!string.Equals(product.Name, name, StringComparison.Ordinal) || !string.Equals(product.Category, category, StringComparison.Ordinal))
        {
            store.RenameProduct(product.Id, sku, name, category);
            product = (product.Id, name, category);
            Renamed++;
        }
        _cache.Put(sku, product);
        return product.Id;
    }
}
