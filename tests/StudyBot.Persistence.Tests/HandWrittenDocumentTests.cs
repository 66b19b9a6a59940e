using LiteDB;

namespace StudyBot.Persistence.Tests;

/// <summary>The documents a credit writes by hand must be exactly what the mapper wrote before (and reads back the same).</summary>
public sealed class HandWrittenDocumentTests
{
    private static readonly BsonMapper Mapper = Schema.CreateMapper();

    private static MemberDocument[] Members()
    {
        var full = MemberDocument.New("discord:1", "42", "Ada");
        full.TimeZoneId = "Europe/Berlin";
        full.ProfileTimeZoneId = "Asia/Tokyo";
        full.Summary = new Core.Streaks.StreakSummary(new DateOnly(2026, 11, 24), 3, 7, 12);
        for (var i = 0; i < MemberDocument.RecentAnswersKept + 2; i++)
        {
            full.Remember("1000" + i, new DateOnly(2026, 11, 1).AddDays(i));
        }

        return
        [
            MemberDocument.New("slack:T1", "U1", ""),
            MemberDocument.New("console:local", "local", "  spaced name  "),
            full,
        ];
    }

    private static ActiveDayDocument[] Days() =>
    [
        new ActiveDayDocument { Id = "d:discord:1:42:2026-11-24", Date = "2026-11-24", Answers = 1, TimeZoneId = "UTC" },
        new ActiveDayDocument
        {
            Id = "d:discord:1:42:2026-11-25", Date = "2026-11-25", Answers = 3, TimeZoneId = "Europe/Berlin",
            QuestionId = 0, InteractionId = "123", AnsweredAt = "2026-11-25T09:30:00.0000000+01:00",
        },
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void MemberToBson_WritesWhatTheMapperWrites(int example)
    {
        var member = Members()[example];
        AssertSameDocument(Mapper.ToDocument(member), member.ToBson());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void MemberFromBson_ReadsWhatTheMapperReads(int example)
    {
        var member = Members()[example];
        var stored = Mapper.ToDocument(member);

        var byHand = MemberDocument.FromBson(stored);
        var byMapper = Mapper.ToObject<MemberDocument>(stored);

        AssertSameDocument(Mapper.ToDocument(byMapper), Mapper.ToDocument(byHand));
        Assert.Equal(byMapper.ToRecord(), byHand.ToRecord());
    }

    [Fact]
    public void MemberFromBson_FieldsMissing_ReadsTheDefaultsAsTheMapperDoes()
    {
        var stored = new BsonDocument { ["_id"] = "m:discord:1:42", ["Server"] = "discord:1", ["Member"] = "42" };

        var byHand = MemberDocument.FromBson(stored);

        AssertSameDocument(Mapper.ToDocument(Mapper.ToObject<MemberDocument>(stored)), Mapper.ToDocument(byHand));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void DayToBson_WritesWhatTheMapperWrites(int example)
    {
        var day = Days()[example];
        AssertSameDocument(Mapper.ToDocument(day), day.ToBson());
    }

    private static void AssertSameDocument(BsonDocument expected, BsonDocument actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var key in expected.Keys)
        {
            Assert.Equal(expected[key].Type, actual[key].Type);
            Assert.Equal(JsonSerializer.Serialize(expected[key]), JsonSerializer.Serialize(actual[key]));
        }
    }
}
