namespace HookahLounge.Core.Customers;

/// <summary>Phone numbers as guests type them, normalised to E.164 ("8 (916) 123-45-67" → "+79161234567").</summary>
public static class PhoneNumber
{
    public static bool TryNormalize(string? input, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }

        var trimmed = input.Trim();
        if (trimmed.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.')))
        {
            return false;
        }

        var plus = trimmed.StartsWith('+');
        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);

        // Russian habits: 8XXXXXXXXXX and bare 10-digit mobile numbers.
        if (!plus && digits.Length == 11 && digits[0] == '8')
        {
            digits = "7" + digits[1..];
        }
        else if (!plus && digits.Length == 10 && digits[0] == '9')
        {
            digits = "7" + digits;
        }
        else if (!plus && !(digits.Length == 11 && digits[0] == '7'))
        {
            return false;
        }

        if (digits.Length is < 10 or > 15 || (digits[0] == '7' && digits.Length != 11))
        {
            return false;
        }

        normalized = "+" + digits;
        return true;
    }
}
