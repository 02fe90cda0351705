using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Marketplace.Testing;

/// <summary>Reads pages the way a browser would: parse the HTML, find forms, post them with their antiforgery token.</summary>
public static class Html
{
    private static readonly IBrowsingContext _context = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await _context.OpenAsync(req => req.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await ParseAsync(response);
    }

    /// <summary>
    /// Fills the form that <paramref name="formSelector"/> finds on the page at <paramref name="pageUrl"/>
    /// (keeping its hidden fields, the antiforgery token among them) and submits it.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string pageUrl, string formSelector, IDictionary<string, string> fields, UploadFile? file = null)
    {
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {pageUrl}.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]"))
        {
            if (!fields.ContainsKey(input.Name ?? string.Empty))
            {
                values.Add(new(input.Name!, input.Value));
            }
        }

        values.AddRange(fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        if (file is null)
        {
            return await client.PostAsync(action, new FormUrlEncodedContent(values));
        }

        using var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            multipart.Add(new StringContent(value), name);
        }

        var content = new ByteArrayContent(file.Value.Bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(file.Value.ContentType);
        multipart.Add(content, file.Value.Field, file.Value.FileName);
        return await client.PostAsync(action, multipart);
    }

    /// <summary>The current values of a form's fields (inputs, text areas, selects), as a browser would send them.</summary>
    public static Dictionary<string, string> FormValues(this IDocument document, string formSelector)
    {
        var form = document.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}'.");
        var values = new Dictionary<string, string>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var (name, value) = element switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false } => (null, null),
                IHtmlInputElement { Type: "file" or "submit" or "button" } => (null, null),
                IHtmlInputElement input => (input.Name, input.Value),
                IHtmlTextAreaElement area => (area.Name, area.Value),
                IHtmlSelectElement select => (select.Name, select.Value),
                _ => (null, null),
            };
            if (name is not null && !values.ContainsKey(name))
            {
                values[name] = value ?? string.Empty;
            }
        }

        return values;
    }

    public static string? ErrorFor(this IDocument document, string field) =>
        document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim();

    /// <summary>The element's text as a reader sees it: runs of white space folded into one space.</summary>
    public static string Text(this IDocument document, string selector) =>
        Fold(document.QuerySelector(selector)?.TextContent ?? throw new InvalidOperationException($"Nothing matches '{selector}'."));

    public static IReadOnlyList<string> Texts(this IDocument document, string selector) =>
        document.QuerySelectorAll(selector).Select(e => Fold(e.TextContent)).ToList();

    private static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A file for a multipart form post.</summary>
public readonly record struct UploadFile(string Field, string FileName, string ContentType, byte[] Bytes);
