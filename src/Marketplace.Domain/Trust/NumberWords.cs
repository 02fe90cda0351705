using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.Domain.Trust;

/// <summary>Numbers written as words (seven languages) or with look-alike letters, turned into digits.</summary>
public static partial class NumberWords
{
    private static readonly Dictionary<string, int> _values = Build();

    /// <summary>The text with number words, Chinese numerals and digit look-alikes inside numbers read as digits, symbols between digits removed.</summary>
    public static string ToDigits(string plain)
    {
        var text = ChineseDigits().Replace(plain, m => new string(m.Value.Select(ChineseDigit).ToArray()));
        // Chinese full-width commas between digit groups (NFKC made them ASCII) separate the groups of one number.
        text = text.Any(c => c is >= '\u4e00' and <= '\u9fff') ? FullWidthBetweenDigits().Replace(text, " ") : text;
        text = LookAlikeDigits().Replace(text, m => new string(m.Value.Select(c => c switch
        {
            'l' or 'I' or 'i' or '|' or 'ӏ' => '1',
            'O' or 'o' or 'О' or 'о' => '0',
            'З' or 'з' => '3',
            'б' => '6',
            _ => c,
        }).ToArray()));
        text = text.Replace("\uFE0F", string.Empty, StringComparison.Ordinal).Replace("\u20E3", string.Empty, StringComparison.Ordinal); // keycap digits 6️⃣
        text = SymbolsBetweenDigits().Replace(text, " ");
        return ReadWords(text);
    }

    /// <summary>Runs of three or more number words, or one between digits (connectors and punctuation allowed), replaced by their digits.</summary>
    private static string ReadWords(string text)
    {
        var output = new StringBuilder(text.Length);
        var copied = 0;
        var run = new List<Match>();
        foreach (Match word in Word().Matches(text))
        {
            var lower = word.Value.ToLowerInvariant();
            if (_values.ContainsKey(lower))
            {
                run.Add(word);
            }
            else if (run.Count > 0 && !Connectors.Contains(lower))
            {
                Flush();
            }
        }

        Flush();
        output.Append(text, copied, text.Length - copied);
        return output.ToString();

        void Flush()
        {
            var end = run.Count > 0 ? run[^1].Index + run[^1].Length : 0;
            // Not before a time: German "am 03.02. um 16:30" ("um" is Portuguese for one).
            var betweenDigits = run.Count > 0 && DigitNear().IsMatch(text[Math.Max(0, run[0].Index - 3)..run[0].Index]) && DigitAfter().IsMatch(text[end..Math.Min(text.Length, end + 3)])
                && !TimeAfter().IsMatch(text[end..Math.Min(text.Length, end + 7)]);
            if (run.Count >= 3 || betweenDigits)
            {
                output.Append(text, copied, run[0].Index - copied);
                output.Append(' ').Append(Read(run.Select(w => _values[w.Value.ToLowerInvariant()]))).Append(' ');
                copied = run[^1].Index + run[^1].Length;
            }

            run.Clear();
        }
    }

    [GeneratedRegex(@"^\s*\d{1,2}[:h]\d{2}")]
    private static partial Regex TimeAfter();

    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "y", "e", "et", "und", "и" };

    /// <summary>Each spoken group read as one number: hundreds, tens and units add up ("cuarenta y cinco" 45, "девятьсот шестнадцать" 916, "soixante-dix-huit" 78).</summary>
    private static string Read(IEnumerable<int> values)
    {
        var digits = new StringBuilder();
        var group = -1;
        foreach (var value in values)
        {
            if (group < 0)
            {
                group = value;
                continue;
            }

            if (value == 100 && group is >= 1 and <= 9)
            {
                group *= 100;
                continue;
            }

            if (value == 20 && group == 4)
            {
                group = 80; // quatre-vingt
                continue;
            }

            var addsOn = (group >= 100 && group % 100 == 0 && value < 100)
                || (group >= 20 && group % 10 == 0 && group % 100 != 0 && value is > 0 and < 10)
                || (group is 60 or 80 && value is >= 10 and < 20);
            if (addsOn)
            {
                group += value;
            }
            else
            {
                digits.Append(group.ToString(CultureInfo.InvariantCulture));
                group = value;
            }
        }

        if (group >= 0)
        {
            digits.Append(group.ToString(CultureInfo.InvariantCulture));
        }

        return digits.ToString();
    }

    private static char ChineseDigit(char c) => c switch
    {
        '零' or '〇' => '0',
        '一' or '幺' => '1',
        '二' or '两' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        _ => c,
    };

    private static Dictionary<string, int> Build()
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(int value, params string[] words)
        {
            foreach (var word in words)
            {
                values[word] = value;
            }
        }

        Add(0, "zero", "oh", "cero", "zéro", "null", "ноль", "нуль");
        Add(1, "one", "uno", "una", "um", "uma", "un", "une", "eins", "ein", "один", "одна");
        Add(2, "two", "dos", "dois", "duas", "deux", "zwei", "zwo", "два", "две");
        Add(3, "three", "tres", "três", "trois", "drei", "три");
        Add(4, "four", "cuatro", "quatro", "quatre", "vier", "четыре");
        Add(5, "five", "cinco", "cinq", "fünf", "fuenf", "пять");
        Add(6, "six", "seis", "sechs", "шесть");
        Add(7, "seven", "siete", "sete", "sept", "sieben", "семь");
        Add(8, "eight", "ocho", "oito", "huit", "acht", "восемь");
        Add(9, "nine", "nueve", "nove", "neuf", "neun", "девять");
        Add(10, "ten", "diez", "dez", "dix", "zehn", "десять");
        Add(11, "eleven", "once", "onze", "elf", "одиннадцать");
        Add(12, "twelve", "doce", "doze", "douze", "zwölf", "двенадцать");
        Add(13, "thirteen", "trece", "treze", "treize", "dreizehn", "тринадцать");
        Add(14, "fourteen", "catorce", "quatorze", "catorze", "vierzehn", "четырнадцать");
        Add(15, "fifteen", "quince", "quinze", "fünfzehn", "пятнадцать");
        Add(16, "sixteen", "dieciseis", "dieciséis", "dezesseis", "seize", "sechzehn", "шестнадцать");
        Add(17, "seventeen", "diecisiete", "dezessete", "siebzehn", "семнадцать");
        Add(18, "eighteen", "dieciocho", "dezoito", "achtzehn", "восемнадцать");
        Add(19, "nineteen", "diecinueve", "dezenove", "neunzehn", "девятнадцать");
        Add(20, "twenty", "veinte", "vinte", "vingt", "zwanzig", "двадцать");
        Add(30, "thirty", "treinta", "trinta", "trente", "dreißig", "dreissig", "тридцать");
        Add(40, "forty", "cuarenta", "quarenta", "quarante", "vierzig", "сорок");
        Add(50, "fifty", "cincuenta", "cinquenta", "cinquante", "fünfzig", "пятьдесят");
        Add(60, "sixty", "sesenta", "sessenta", "soixante", "sechzig", "шестьдесят");
        Add(70, "seventy", "setenta", "siebzig", "семьдесят");
        Add(80, "eighty", "ochenta", "oitenta", "quatre-vingt", "quatre-vingts", "achtzig", "восемьдесят");
        Add(90, "ninety", "noventa", "neunzig", "девяносто");
        Add(100, "hundred", "cien", "ciento", "cem", "cento", "cent", "hundert", "сто");
        Add(200, "двести", "doscientos");
        Add(300, "триста", "trescientos");
        Add(400, "четыреста", "cuatrocientos");
        Add(500, "пятьсот", "quinientos");
        Add(600, "шестьсот", "seiscientos");
        Add(700, "семьсот", "setecientos");
        Add(800, "восемьсот", "ochocientos");
        Add(900, "девятьсот", "novecientos");
        return values;
    }

    [GeneratedRegex(@"[零〇一幺二两三四五六七八九]{3,}")]
    private static partial Regex ChineseDigits();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[0-9lIOoОоЗз|]*\d[0-9lIOoОоЗз|]*(?![\p{L}\p{N}])")]
    private static partial Regex LookAlikeDigits();

    [GeneratedRegex(@"(?<=\d)\s*[，、；：,;]\s*(?=\d)")]
    private static partial Regex FullWidthBetweenDigits();

    [GeneratedRegex(@"(?<=\d\)?)\s*(?:[\p{So}\p{Sk}\p{Cs}\u2600-\u27BF\uFE0F\u200D•·]\s*)+(?=\d)")]
    private static partial Regex SymbolsBetweenDigits();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    [GeneratedRegex(@"\d[\s\-.)]*$")]
    private static partial Regex DigitNear();

    [GeneratedRegex(@"^[\s\-.(]*\d")]
    private static partial Regex DigitAfter();
}
