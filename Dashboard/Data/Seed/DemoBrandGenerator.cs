using System.Globalization;
using Dashboard.Data.Entities;
using Dashboard.Domain.Lifetime;
using MathNet.Numerics.Distributions;

namespace Dashboard.Data.Seed;

/// <summary>Everything generated for one true person, written before the next person is generated.</summary>
internal sealed class GeneratedPerson
{
    public required Customer Customer { get; init; }
    public required DemoPerson Truth { get; init; }
    public List<SourceIdentity> Identities { get; } = [];
    /// <summary>Orders with their lines (Order.Lines), in time order.</summary>
    public List<Order> Orders { get; } = [];
    public List<Touchpoint> Touchpoints { get; } = [];
    public List<CampaignAssignment> Assignments { get; } = [];
}

/// <summary>
/// Generates the demo brand person by person (streaming: nothing but running tallies is kept across
/// persons, so a million customers fit in modest memory). Every person draws from an own random
/// stream derived from (seed, person id), so the brand depends only on (buyers, seed).
/// </summary>
internal sealed partial class DemoBrandGenerator
{
    private const double DayInWeeks = 1.0 / 7;
    private const double MinuteInWeeks = 1.0 / (7 * 24 * 60);

    private static readonly double[] IdentityCountWeights = [0.20, 0.45, 0.35];
    private static readonly double[] CategoryWeights = DemoCatalog.CategoryWeights.Select(c => c.Weight).ToArray();
    private static readonly double[] AcquisitionWeights = DemoSources.Profiles.Select(p => p?.AcquisitionWeight ?? 0).ToArray();
    private static readonly double[] PresenceWeights = DemoSources.Profiles.Select(p => p?.PresenceWeight ?? 0).ToArray();
    private static readonly double[] ProspectWeights = DemoSources.Profiles.Select(p => p?.ProspectWeight ?? 0).ToArray();
    private static readonly string[] OrderPrefixes = ["", "TM", "JD", "DY", "WX", "APP", "WEB", "POS", "SMS"];

    private readonly int _seed;
    private readonly BgNbdParameters _bgnbd = DemoModel.BgNbd;
    private readonly GammaGammaParameters _gg = DemoModel.GammaGamma;
    private long _nextIdentityId = 1;
    private long _nextOrderId = 1;
    private long _nextLineId = 1;
    private long _nextTouchpointId = 1;

    public DemoBrandGenerator(int buyers, int seed)
    {
        if (buyers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(buyers), buyers, "The demo brand needs at least one buyer.");
        }
        Buyers = buyers;
        Prospects = (int)Math.Round(buyers * DemoModel.ProspectShare);
        _seed = seed;
        CampaignTallies = DemoCampaigns.Specs.Select(s => Enumerable.Range(0, s.Arms.Length + 1).Select(_ => new DemoCampaigns.ArmTally()).ToArray()).ToArray();
    }

    public int Buyers { get; }

    public int Prospects { get; }

    public int Persons => Buyers + Prospects;

    /// <summary>
    /// Stop each person after their identities and consents (no orders, touchpoints or campaigns): a cheap first
    /// pass that gives identity resolution its input. Identities (ids and values) are the same as in a full pass.
    /// </summary>
    public bool IdentitiesOnly { get; init; }

    /// <summary>Mean number of add-on lines per order on top of the brand's own one to three (default none).</summary>
    public double ExtraLinesPerOrder { get; init; }

    /// <summary>Keeps an order's lines on the stack (a Poisson draw with a mean of tens stays far below this).</summary>
    private const int MaxExtraLines = 200;

    /// <summary>
    /// The customer (profile) id of a source identity, as identity resolution derived it; rows keyed by an identity
    /// (the identity itself, its orders and touchpoints, campaign assignments) get that id. Default: the true person.
    /// </summary>
    public Func<long, long>? ProfileOf { get; init; }

    /// <summary>Per campaign: index 0 the control group, then one tally per treatment arm.</summary>
    public DemoCampaigns.ArmTally[][] CampaignTallies { get; }

    public GenerationStats Stats { get; } = new();

    /// <summary>Prospects are spread evenly over the person ids (exactly <see cref="Prospects"/> of them).</summary>
    public bool IsProspect(int personId) =>
        (long)personId * Prospects / Persons != (long)(personId - 1) * Prospects / Persons;

    /// <summary>All persons, ids 1..Persons, in order.</summary>
    public IEnumerable<GeneratedPerson> People()
    {
        for (var id = 1; id <= Persons; id++)
        {
            yield return Generate(id);
        }
    }

    public GeneratedPerson Generate(int personId)
    {
        var rng = DemoRandom.For(_seed, personId);
        var prospect = IsProspect(personId);
        var gender = rng.NextDouble() switch
        {
            < 0.78 => "F",
            < 0.95 => "M",
            _ => null,
        };
        var name = DemoDemographics.DrawName(rng, gender);
        // The true person's attributes; each source identity knows part of them (AddIdentities), and the
        // customer rows are derived from the identities by identity resolution (DemoBrandSeeder).
        var customer = new Customer
        {
            Id = personId,
            Name = DemoRandom.Chance(rng, prospect ? 0.5 : 0.85) ? name.Han : null,
            Gender = gender,
            BirthYear = DemoRandom.Chance(rng, prospect ? 0.7 : 0.92) ? Math.Clamp((int)Math.Round(Normal.Sample(rng, 1994, 8)), 1958, 2008) : null,
        };
        if (DemoRandom.Chance(rng, prospect ? 0.85 : 0.95))
        {
            var city = DemoDemographics.DrawCity(rng);
            customer.City = city.Name;
            customer.CityTier = city.Tier;
        }
        var person = new GeneratedPerson { Customer = customer, Truth = new DemoPerson { Id = personId, IsProspect = prospect } };
        var state = new PersonState(rng, person, DemoRandom.Pick(rng, CategoryWeights));
        if (prospect)
        {
            GenerateProspect(state, name);
        }
        else
        {
            GenerateBuyer(state, name);
        }
        if (!IdentitiesOnly)
        {
            FinishTouchpoints(state);
            LaunchTouchpoints(state);
        }
        return person;
    }

    private void GenerateBuyer(PersonState s, DemoDemographics.PersonName name)
    {
        var rng = s.Rng;
        // BG/NBD (Fader, Hardie & Lee 2005): λ ~ Gamma(r, α) purchases per week while alive,
        // p ~ Beta(a, b) chance to drop out right after each repeat purchase (not after the first one).
        var lambda = Gamma.Sample(rng, _bgnbd.R, _bgnbd.Alpha);
        var p = Beta.Sample(rng, _bgnbd.A, _bgnbd.B);
        // Gamma-Gamma: ν ~ Gamma(q, γ); every order value ~ Gamma(p, ν), independent of λ and p.
        var nu = Gamma.Sample(rng, _gg.Q, _gg.V);
        s.Nu = nu;
        // The festivals shape when people are acquired; the repeat process itself has no seasonality.
        var t0 = DemoCalendar.Acquisition.Sample(rng);
        s.Natural.Add(t0);
        var alive = true;
        var t = t0;
        while (lambda > 0)
        {
            t += Exponential.Sample(rng, lambda);
            if (t >= DemoCalendar.Weeks)
            {
                break;
            }
            s.Natural.Add(t);
            if (DemoRandom.Chance(rng, p))
            {
                alive = false;
                break;
            }
        }
        s.Truth.Lambda = lambda;
        s.Truth.DropoutProbability = p;
        s.Truth.MeanOrderValue = _gg.P / nu;
        s.Truth.AliveAtEnd = alive;
        s.ActiveUntil = alive ? DemoCalendar.Weeks : Math.Min(DemoCalendar.Weeks, s.Natural[^1] + 8);
        Stats.RepeatPurchases += s.Natural.Count - 1;
        Stats.AliveAtEnd += alive ? 1 : 0;
        for (var i = 1; i < s.Natural.Count; i++)
        {
            if (DemoCalendar.At(s.Natural[i]).Date == DemoCalendar.At(s.Natural[i - 1]).Date)
            {
                Stats.SameDayRepeatPairs++;
            }
        }

        var count = DemoRandom.Pick(rng, IdentityCountWeights) + 1;
        var acquisitionSource = DemoRandom.Pick(rng, AcquisitionWeights);
        var lead = rng.NextDouble() * 14 * DayInWeeks;
        var sources = DrawSources(rng, acquisitionSource, count, PresenceWeights);
        var firstSeen = new double[sources.Count];
        firstSeen[0] = Math.Max(0, t0 - lead);
        for (var i = 1; i < sources.Count; i++)
        {
            firstSeen[i] = sources[i] == DemoSources.Sms
                ? t0 + rng.NextDouble() * DayInWeeks // the phone is captured with the first order
                : DemoRandom.Chance(rng, 0.25)
                    ? Math.Max(0, t0 - rng.NextDouble() * 20)
                    : t0 + Exponential.Sample(rng, 1.0 / 20);
            if (firstSeen[i] >= DemoCalendar.Weeks)
            {
                firstSeen[i] = DemoRandom.Uniform(rng, t0, DemoCalendar.Weeks);
            }
        }
        AddIdentities(s, name, sources, firstSeen, memberRate: 0.55);
        s.Customer.AcquisitionSourceId = acquisitionSource;
        DrawConsents(s);
        if (IdentitiesOnly)
        {
            return;
        }

        foreach (var time in s.Natural)
        {
            s.OrderTimes.Add((time, time == t0 ? s.Identities[0] : PickSellingIdentity(s, time), null));
        }
        for (var c = 0; c < DemoCampaigns.Specs.Length; c++)
        {
            ApplyCampaign(s, c, t0);
        }

        s.OrderTimes.Sort((x, y) => x.Time.CompareTo(y.Time));
        foreach (var (time, identity, campaignId) in s.OrderTimes)
        {
            AddOrder(s, time, identity, campaignId, isTrial: time == t0);
        }
        Stats.Orders += s.OrderTimes.Count;
        BackgroundTouchpoints(s, 1 + Poisson.Sample(rng, 7));
    }

    private void GenerateProspect(PersonState s, DemoDemographics.PersonName name)
    {
        var rng = s.Rng;
        var first = DemoRandom.Pick(rng, ProspectWeights);
        var sources = DrawSources(rng, first, DemoRandom.Chance(rng, 0.45) ? 2 : 1, ProspectWeights);
        var firstSeen = new double[sources.Count];
        firstSeen[0] = DemoCalendar.Browsing.Sample(rng);
        for (var i = 1; i < sources.Count; i++)
        {
            firstSeen[i] = DemoCalendar.Browsing.Sample(rng, firstSeen[0]);
        }
        AddIdentities(s, name, sources, firstSeen, memberRate: 0.15);
        s.Customer.AcquisitionSourceId = first;
        DrawConsents(s);
        if (IdentitiesOnly)
        {
            return;
        }
        s.ActiveUntil = DemoCalendar.Weeks;
        s.Truth.AliveAtEnd = false;
        BackgroundTouchpoints(s, 1 + Poisson.Sample(rng, 12));
    }

    private static List<int> DrawSources(Random rng, int first, int count, double[] weights)
    {
        var sources = new List<int>(count) { first };
        Span<double> remaining = stackalloc double[weights.Length];
        weights.CopyTo(remaining);
        remaining[first] = 0;
        while (sources.Count < count)
        {
            var total = 0.0;
            foreach (var w in remaining)
            {
                total += w;
            }
            if (total <= 0)
            {
                break;
            }
            var next = DemoRandom.Pick(rng, remaining);
            sources.Add(next);
            remaining[next] = 0;
        }
        return sources;
    }

    private void AddIdentities(PersonState s, DemoDemographics.PersonName name, List<int> sources, double[] firstSeen, double memberRate)
    {
        var rng = s.Rng;
        var id = s.Customer.Id;
        var phone = DemoIdentifiers.PrimaryPhone(rng, (int)id, _seed);
        var phone2 = DemoRandom.Chance(rng, 0.08) ? DemoIdentifiers.SecondaryPhone(rng, (int)id, _seed) : null;
        var email = DemoRandom.Chance(rng, 0.7) ? DemoIdentifiers.PrimaryEmail(rng, (int)id, _seed, name.Pinyin) : null;
        var email2 = DemoRandom.Chance(rng, 0.12) ? DemoIdentifiers.SecondaryEmail((int)id, _seed, name.Pinyin) : null;
        var member = DemoRandom.Chance(rng, memberRate) ? DemoIdentifiers.MemberNo((int)id, _seed) : null;
        // The one source (if any) where the person gave the second phone / second e-mail.
        var phone2At = phone2 is null ? -1 : rng.Next(sources.Count);
        var email2At = email2 is null ? -1 : rng.Next(sources.Count);
        // The true values each identity carries (before formatting), to see which identities a matcher could link.
        var given = new (string? Phone, string? Email, string? Member)[sources.Count];
        var identities = new SourceIdentity[sources.Count];
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var profile = DemoSources.Profiles[source];
            var ownPhone = i == phone2At ? phone2! : phone;
            var identityId = _nextIdentityId++;
            var identity = new SourceIdentity
            {
                Id = identityId,
                SourceId = source,
                ExternalId = DemoIdentifiers.ExternalId(source, identityId, ownPhone),
                CustomerId = ProfileOf?.Invoke(identityId) ?? id,
                FirstSeenUtc = DemoCalendar.At(firstSeen[i]),
            };
            if (source == DemoSources.Sms)
            {
                identity.Phone = "+86" + ownPhone;
                given[i].Phone = ownPhone;
            }
            else
            {
                if (DemoRandom.Chance(rng, profile.JunkPhoneRate))
                {
                    identity.Phone = DemoIdentifiers.FormatPhone(rng, DemoIdentifiers.JunkPhone);
                    Stats.JunkPhones++;
                }
                else if (DemoRandom.Chance(rng, profile.PhoneRate))
                {
                    identity.Phone = DemoIdentifiers.FormatPhone(rng, ownPhone);
                    given[i].Phone = ownPhone;
                }
                var ownEmail = i == email2At ? email2 : email;
                if (DemoRandom.Chance(rng, profile.JunkEmailRate))
                {
                    identity.Email = DemoIdentifiers.JunkEmail;
                    Stats.JunkEmails++;
                }
                else if (ownEmail is not null && DemoRandom.Chance(rng, profile.EmailRate))
                {
                    identity.Email = DemoIdentifiers.FormatEmail(rng, ownEmail);
                    given[i].Email = ownEmail;
                }
                if (DemoRandom.Chance(rng, profile.JunkMemberRate))
                {
                    identity.MemberNo = DemoIdentifiers.JunkMemberNo;
                    Stats.JunkMemberNos++;
                }
                else if (member is not null && DemoRandom.Chance(rng, profile.MemberRate))
                {
                    identity.MemberNo = DemoIdentifiers.FormatMemberNo(rng, member);
                    given[i].Member = member;
                }
            }
            KnowDemographics(rng, identity, s.Customer, DemoSources.DemographicsRate[source]);
            identities[i] = identity;
        }
        BindSiblings(rng, identities, given, phone);
        for (var i = 0; i < identities.Length; i++)
        {
            var identity = identities[i];
            if (identity.Phone is null && identity.Email is null && identity.MemberNo is null)
            {
                Stats.IdentitiesWithoutIdentifiers++;
            }
            if (identities.Length > 1 && !SharesWithSibling(given, i))
            {
                Stats.UnlinkableIdentities++;
            }
            s.Identities.Add(new IdentityState(identity, firstSeen[i]));
            s.Person.Identities.Add(identity);
        }
        s.HasEmail = s.Identities.Any(i => i.Entity.Email is not null && i.Entity.Email != DemoIdentifiers.JunkEmail);
        s.Customer.FirstSeenUtc = DemoCalendar.At(firstSeen.Min());
    }

    /// <summary>
    /// Brands bind a person's accounts through the phone: platforms pass the buyer's (shipping) phone with the order,
    /// mini-programs and apps log in with it, stores ask for it at the till. So an identity that shares no
    /// identifier with any of the person's other identities gets the person's main phone with probability
    /// <see cref="PhoneBindingRate"/>; the rest stay unlinkable (guest checkouts, platforms that mask the phone).
    /// SMS identities are their phone already.
    /// </summary>
    private void BindSiblings(Random rng, SourceIdentity[] identities, (string? Phone, string? Email, string? Member)[] given, string phone)
    {
        if (identities.Length < 2)
        {
            return;
        }
        for (var i = 0; i < identities.Length; i++)
        {
            if (identities[i].SourceId == DemoSources.Sms || SharesWithSibling(given, i) || !DemoRandom.Chance(rng, PhoneBindingRate))
            {
                continue;
            }
            identities[i].Phone = DemoIdentifiers.FormatPhone(rng, phone);
            given[i].Phone = phone;
            Stats.BoundPhones++;
        }
    }

    /// <summary>Share of otherwise unlinkable identities (of persons with two or more) that carry the person's main phone.</summary>
    public const double PhoneBindingRate = 0.95;

    private static bool SharesWithSibling((string? Phone, string? Email, string? Member)[] given, int i)
    {
        for (var j = 0; j < given.Length; j++)
        {
            if (j != i && ((given[i].Phone is { } p && p == given[j].Phone) || (given[i].Email is { } e && e == given[j].Email)
                || (given[i].Member is { } m && m == given[j].Member)))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>What one source knows of the person: each known attribute with the source's rate (the city with its tier).</summary>
    private static void KnowDemographics(Random rng, SourceIdentity identity, Customer person, double rate)
    {
        identity.Name = person.Name is not null && DemoRandom.Chance(rng, rate) ? person.Name : null;
        identity.Gender = person.Gender is not null && DemoRandom.Chance(rng, rate * 0.8) ? person.Gender : null;
        identity.BirthYear = person.BirthYear is not null && DemoRandom.Chance(rng, rate * 0.6) ? person.BirthYear : null;
        if (person.City is not null && DemoRandom.Chance(rng, rate))
        {
            identity.City = person.City;
            identity.CityTier = person.CityTier;
        }
    }

    private static void DrawConsents(PersonState s)
    {
        var rng = s.Rng;
        var c = s.Customer;
        c.ConsentSms = DemoRandom.Chance(rng, s.Has(DemoSources.Sms) ? 0.85 : 0.35);
        c.ConsentEmail = s.HasEmail && DemoRandom.Chance(rng, 0.45);
        c.ConsentPush = s.Has(DemoSources.App) && DemoRandom.Chance(rng, 0.75);
        c.ConsentAds = DemoRandom.Chance(rng, 0.72);
        foreach (var identity in s.Identities.Select(i => i.Entity))
        {
            identity.ConsentSms = SourceConsent(rng, c.ConsentSms);
            identity.ConsentEmail = SourceConsent(rng, c.ConsentEmail);
            identity.ConsentPush = identity.SourceId == DemoSources.App ? c.ConsentPush : null;
            identity.ConsentAds = SourceConsent(rng, c.ConsentAds);
        }
        // The person's consent was given somewhere: at least one source holds it.
        var first = s.Identities[0].Entity;
        first.ConsentSms = c.ConsentSms ? true : first.ConsentSms;
        first.ConsentEmail = c.ConsentEmail ? true : first.ConsentEmail;
        first.ConsentAds = c.ConsentAds ? true : first.ConsentAds;
    }

    // A source records a consent the person gave with 70%, a refusal with 40%; otherwise it does not ask (null).
    private static bool? SourceConsent(Random rng, bool consented) =>
        consented ? (DemoRandom.Chance(rng, 0.7) ? true : null) : (DemoRandom.Chance(rng, 0.4) ? false : null);

    /// <summary>The identity an order at time t comes through: a selling source the person already uses.</summary>
    private static IdentityState PickSellingIdentity(PersonState s, double time)
    {
        Span<double> weights = stackalloc double[s.Identities.Count];
        for (var i = 0; i < s.Identities.Count; i++)
        {
            var identity = s.Identities[i];
            weights[i] = DemoSources.Sells(identity.Entity.SourceId) && identity.FirstSeen <= time ? (i == 0 ? 2 : 1) : 0;
        }
        return s.Identities[DemoRandom.Pick(s.Rng, weights)];
    }

    public sealed class GenerationStats
    {
        public long RepeatPurchases { get; set; }
        public long SameDayRepeatPairs { get; set; }
        public long Orders { get; set; }
        public long ExtraOrders { get; set; }
        public long AliveAtEnd { get; set; }
        public long IdentitiesWithoutIdentifiers { get; set; }
        public long JunkPhones { get; set; }
        public long JunkEmails { get; set; }
        public long JunkMemberNos { get; set; }
        /// <summary>Identities (of persons with two or more) that share no identifier with any sibling.</summary>
        public long UnlinkableIdentities { get; set; }
        /// <summary>Identities that got the person's main phone to bind them to their siblings.</summary>
        public long BoundPhones { get; set; }
    }

    private sealed record IdentityState(SourceIdentity Entity, double FirstSeen);

    private sealed class PersonState(Random rng, GeneratedPerson person, int favouriteCategory)
    {
        public Random Rng { get; } = rng;
        public GeneratedPerson Person { get; } = person;
        public Customer Customer => Person.Customer;
        public DemoPerson Truth => Person.Truth;
        public string FavouriteCategory { get; } = DemoCatalog.CategoryWeights[favouriteCategory].Category;
        public List<IdentityState> Identities { get; } = [];
        /// <summary>Times (weeks) of the BG/NBD purchases: the first purchase, then the repeats.</summary>
        public List<double> Natural { get; } = [];
        public List<(double Time, IdentityState Identity, int? CampaignId)> OrderTimes { get; } = [];
        public List<(double Time, IdentityState Identity, TouchpointType Type, int? CampaignId, int? ProductId)> Touches { get; } = [];
        public double Nu { get; set; }
        /// <summary>The add-on lines' own stream (<see cref="ExtraLinesPerOrder"/>), so they leave the person's draws as they were.</summary>
        public Random? BasketRng { get; set; }
        public double ActiveUntil { get; set; }
        public bool HasEmail { get; set; }

        public bool Has(int sourceId) => Identities.Any(i => i.Entity.SourceId == sourceId);

        public IdentityState? IdentityAt(int sourceId, double time) =>
            Identities.FirstOrDefault(i => i.Entity.SourceId == sourceId && i.FirstSeen <= time);
    }

    private static string OrderNo(int sourceId, long orderId) =>
        OrderPrefixes[sourceId] + orderId.ToString("D10", CultureInfo.InvariantCulture);
}
