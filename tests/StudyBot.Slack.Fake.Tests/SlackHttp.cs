using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StudyBot.Slack.Tests.Fake;

namespace StudyBot.Slack.Fake.Tests;

/// <summary>A Web API answer as a bare HttpClient sees it.</summary>
internal sealed record ApiAnswer(int Status, JsonObject? Json, string Body, string? RetryAfter)
{
    public bool Ok => Json?["ok"]?.GetValue<bool>() == true;

    public string? Error => Json?["error"]?.GetValue<string>();
}

/// <summary>Plain HttpClient calls to the fake's Web API and response_url endpoints (no Slack client involved).</summary>
internal static class SlackHttp
{
    public static HttpClient Client(string? token)
    {
        var http = new HttpClient();
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public static async Task<ApiAnswer> PostJsonAsync(HttpClient http, string url, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(url), content);
        return await ReadAsync(response);
    }

    public static Task<ApiAnswer> CallAsync(HttpClient http, FakeSlack fake, string method, JsonObject? body = null) =>
        PostJsonAsync(http, fake.ApiBaseUrl + method, body ?? []);

    public static async Task<ApiAnswer> CallFormAsync(HttpClient http, FakeSlack fake, string method, params (string Key, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        using var response = await http.PostAsync(new Uri(fake.ApiBaseUrl + method), content);
        return await ReadAsync(response);
    }

    public static Task<ApiAnswer> PostMessageAsync(HttpClient http, FakeSlack fake, string channel, string text, JsonArray? blocks = null, string? threadTs = null)
    {
        var body = new JsonObject { ["channel"] = channel, ["text"] = text };
        if (blocks is not null)
        {
            body["blocks"] = blocks;
        }

        if (threadTs is not null)
        {
            body["thread_ts"] = threadTs;
        }

        return CallAsync(http, fake, SlackMethods.ChatPostMessage, body);
    }

    private static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        JsonObject? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            json = JsonNode.Parse(text)!.AsObject();
        }

        var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        return new ApiAnswer((int)response.StatusCode, json, text, retryAfter);
    }
}
