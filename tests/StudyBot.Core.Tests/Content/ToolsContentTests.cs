using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

/// <summary>Every tool the guide names is in tools.json, in the right category and group.</summary>
public class ToolsContentTests
{
    /// <summary>The guide's "Tools &amp; Technologies Stack" section, written out so the test runs without the guide.</summary>
    private static readonly IReadOnlyList<(string Category, string Group, string[] Tools)> Expected =
    [
        ("essential", "languages", ["Python 3.8+", "Java/Scala"]),
        ("essential", "version-control", ["Git", "GitHub"]),
        ("essential", "containers", ["Docker", "Kubernetes"]),
        ("essential", "databases", ["PostgreSQL", "MongoDB", "Redis"]),
        ("essential", "message-queues", ["Kafka", "RabbitMQ"]),
        ("frameworks", "training", ["TensorFlow", "PyTorch", "XGBoost"]),
        ("frameworks", "serving", ["TensorFlow Serving", "KServe", "Triton"]),
        ("frameworks", "feature-store", ["Feast", "Tecton"]),
        ("frameworks", "experiment-tracking", ["MLflow", "Weights & Biases"]),
        ("mlops", "orchestration", ["Airflow", "Kubeflow", "Prefect"]),
        ("mlops", "data-pipelines", ["Spark", "Airflow", "dbt"]),
        ("mlops", "model-registry", ["MLflow", "Hugging Face Hub"]),
        ("mlops", "monitoring", ["Prometheus", "Grafana", "Datadog"]),
    ];

    [Fact]
    public void Load_RealContent_ToolsMatchTheExpectedList()
    {
        var content = ContentLoader.Load(TestContent.ContentDirectory);

        var actual = content.ToolCategories
            .SelectMany(category => category.Groups.Select(group => (category.Key, group.Key, group.Tools.ToArray())))
            .ToList();

        Assert.Equal(Expected.Count, actual.Count);
        for (var i = 0; i < Expected.Count; i++)
        {
            Assert.Equal(Expected[i].Category, actual[i].Item1);
            Assert.Equal(Expected[i].Group, actual[i].Item2);
            Assert.Equal(Expected[i].Tools, actual[i].Item3);
        }
    }

    [GuideFact]
    public void ExpectedList_ComparedWithTheGuide_NamesEveryToolInTheToolsSection()
    {
        // Without the guide beside the checkout this is skipped and the inline list stands alone.
        var guide = TestContent.GuideLines;
        Assert.NotNull(guide);
        var toolsInGuide = ToolsFromGuide(guide);

        Assert.Equal(32, toolsInGuide.Count);
        Assert.Equal(toolsInGuide, Expected.SelectMany(row => row.Tools));
    }

    /// <summary>Lines like "- Version Control: Git, GitHub" between the tools heading and the questions.</summary>
    private static List<string> ToolsFromGuide(IReadOnlyList<string> guide) =>
        [.. TestContent.GuideSection(guide, "Tools & Technologies Stack", "Top 80 ML Engineer Interview Questions")
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal))
            .SelectMany(line => line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", "))];
}
