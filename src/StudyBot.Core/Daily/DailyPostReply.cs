using StudyBot.Core.Commands;
using StudyBot.Core.Content;
using StudyBot.Core.Time;

namespace StudyBot.Core.Daily;

/// <summary>How a daily question reads wherever it is shown: the scheduled post, /daily, the console.</summary>
public static class DailyPostReply
{
    public const string AnswerActionPrefix = "answer:";

    public static Reply Build(InterviewQuestion question, DateOnly postDate) =>
        new(
            $"Daily question · {DailyTime.FormatDate(postDate)}",
            question.Text,
            [
                new ReplyField("Question", $"Q#{question.Id}", Inline: true),
                new ReplyField("Category", QuestionCategories.DisplayName(question.Category), Inline: true),
            ],
            [new ReplyButton("Answer", AnswerActionPrefix + question.Id)],
            ReplyVisibility.Public,
            ReplyTone.Info);

    /// <summary>The discussion thread's name: "Q#42 · 2026-11-24".</summary>
    public static string ThreadName(InterviewQuestion question, DateOnly postDate) =>
        $"Q#{question.Id} · {postDate:yyyy-MM-dd}";
}
