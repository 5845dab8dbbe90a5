import { describe, expect, test } from "vitest";
import { authErrorMessage, MIN_PASSWORD_LENGTH } from "~/lib/authClient";

describe("authErrorMessage: what the sign-in and sign-up pages say", () => {
  test("wrong password and unknown address read the same", () => {
    expect(authErrorMessage({ code: "INVALID_EMAIL_OR_PASSWORD", status: 401 })).toBe("Wrong email or password.");
  });

  test("a weak password shows the server's reason; a short one names the minimum", () => {
    const message =
      "This password is too easy to guess: This is a commonly used password. Add more words or characters.";
    expect(authErrorMessage({ code: "PASSWORD_TOO_WEAK", message, status: 400 })).toBe(message);
    expect(authErrorMessage({ code: "PASSWORD_TOO_SHORT", status: 400 })).toContain(
      `${MIN_PASSWORD_LENGTH} characters`,
    );
  });

  test("rate limits (no code, status 429) ask to wait", () => {
    expect(authErrorMessage({ message: "Too many requests. Please try again later.", status: 429 })).toMatch(
      /Too many attempts/,
    );
  });
});
