import { beforeAll, describe, expect, it } from "vitest";
import type { Bank } from "../../src/bank/bank.js";
import { parseAllowedSigners } from "../../src/summary/allowed-signers.js";
import { generateKey } from "../../src/summary/openssh-key.js";
import type { Summary } from "../../src/summary/summary.js";
import { MAX_SUMMARY_BYTES } from "../../src/summary/verify-summary.js";
import { verifySummaryFully as verifySummaryBytes } from "../../src/summary/verify-fully.js";
import { MINIMAL_BANK } from "../helpers/bank-fixture.js";
import { mustLoad } from "../helpers/load.js";
import { sampleSummary, signSummary, trustedKey } from "../helpers/summaries.js";

let bank: Bank;
let trusted: ReturnType<typeof trustedKey>;
let good: string;
const at = new Date("2026-12-01T00:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);
const verify = (text: string | Uint8Array, signers = trusted.signers, when = at) =>
  verifySummaryBytes(typeof text === "string" ? bytes(text) : text, {
    signers,
    at: when,
    trainers: TRAINERS,
  });
const TRAINERS = ["trainer@school.example"];
/** Edits the parsed file and writes it back pretty-printed (the signature is left as it was). */
const edit = (
  mutate: (file: {
    summary: {
      sections: { correct: number }[];
      overall: { result: string };
      person: { name: string };
      signer: { principal: string };
      validUntil: string;
    };
    signature: { namespace: string; sshsig: string };
  }) => void,
) => {
  const file = JSON.parse(good);
  mutate(file);
  return JSON.stringify(file, null, 2);
};

beforeAll(async () => {
  bank = await mustLoad(MINIMAL_BANK);
  trusted = trustedKey();
  good = signSummary(sampleSummary(bank), trusted.key);
});

describe("verifySummaryBytes", () => {
  it("verifies a genuine summary and reports who and what", () => {
    const outcome = verify(good);
    expect(outcome).toMatchObject({ status: "verified", code: "verified" });
    expect(outcome.summary?.person.name).toBe("Sam Patel");
    expect(outcome.keyFingerprint).toMatch(/^SHA256:/);
  });

  it("still verifies when the outer file is re-indented or its keys reordered", () => {
    const file = JSON.parse(good);
    const reordered = {
      signature: file.signature,
      summary: Object.fromEntries(
        Object.entries(file.summary as Record<string, unknown>).reverse(),
      ),
    };
    expect(verify(JSON.stringify(reordered)).status).toBe("verified");
    expect(verify(JSON.stringify(file, null, 8)).status).toBe("verified");
    expect(verify(`\n\n${JSON.stringify(file)}\n\n`).status).toBe("verified");
  });

  describe("tampering: each must be rejected", () => {
    // ssh-keygen -Y verify over `jq -cS .summary` also rejects each of these (see test/e2e/signing.test.ts).
    const cases: [string, () => string, string][] = [
      [
        "an edited score",
        () =>
          edit((f) => {
            const first = f.summary.sections[0];
            if (first) first.correct -= 1;
          }),
        "signature-invalid",
      ],
      [
        "an edited overall result",
        () =>
          edit((f) => {
            f.summary.overall.result = "fail";
          }),
        "signature-invalid",
      ],
      [
        "an edited name",
        () =>
          edit((f) => {
            f.summary.person.name = "Someone Else";
          }),
        "signature-invalid",
      ],
      [
        "a section removed",
        () =>
          edit((f) => {
            f.summary.sections.pop();
          }),
        "signature-invalid",
      ],
      [
        "the signer principal changed",
        () =>
          edit((f) => {
            f.summary.signer.principal = "head@school.example";
          }),
        "signature-invalid",
      ],
      [
        "a later valid-until",
        () =>
          edit((f) => {
            f.summary.validUntil = "2030-01-01T00:00:00Z";
          }),
        "signature-invalid",
      ],
      [
        "the signature of a different summary swapped in",
        () => {
          const other = JSON.parse(
            signSummary(sampleSummary(bank, { name: "Other Person" }), trusted.key),
          );
          return edit((f) => {
            f.signature = other.signature;
          });
        },
        "signature-invalid",
      ],
      [
        "signature armor truncated",
        () =>
          edit((f) => {
            f.signature.sshsig = f.signature.sshsig.split("\n").slice(0, -2).join("\n");
          }),
        "signature-malformed",
      ],
      [
        "junk after the base64 padding",
        () =>
          edit((f) => {
            const lines = f.signature.sshsig.split("\n");
            lines.splice(-1, 0, "AA==");
            f.signature.sshsig = lines.join("\n");
          }),
        "signature-malformed",
      ],
      [
        "a flipped byte in the signature",
        () =>
          edit((f) => {
            const lines = f.signature.sshsig.split("\n");
            // The last base64 line ends the 64-byte Ed25519 signature itself.
            const at = lines.length - 2;
            const body = lines[at] ?? "";
            lines[at] = body.slice(0, 2) + (body[2] === "A" ? "B" : "A") + body.slice(3);
            f.signature.sshsig = lines.join("\n");
          }),
        "signature-invalid",
      ],
    ];
    it.each(cases)("%s", (_name, make, code) => {
      const outcome = verify(make());
      expect(outcome.status).toBe("rejected");
      expect(outcome.code).toBe(code);
    });

    it("re-signed by a key that is not in allowed_signers", () => {
      const outcome = verify(
        signSummary(sampleSummary(bank, { name: "Forged" }), generateKey("trainer@school.example")),
      );
      expect(outcome).toMatchObject({ status: "rejected", code: "untrusted-key" });
    });

    it("signed in another namespace", () => {
      const outcome = verify(signSummary(sampleSummary(bank), trusted.key, "file"));
      expect(outcome).toMatchObject({ status: "rejected", code: "wrong-namespace" });
      expect(outcome.reason).toContain('namespace "file"');
    });

    it("signed by a trusted key for a principal it is not listed for", () => {
      const outcome = verify(
        signSummary(sampleSummary(bank, {}, "head@school.example"), trusted.key),
      );
      expect(outcome).toMatchObject({ status: "rejected", code: "principal-not-allowed" });
    });
  });

  describe("bad input: each is not a readable summary", () => {
    const good2 = () => good;
    const cases: [string, () => string | Uint8Array, string, { line: number; col: number }?][] = [
      [
        "a duplicate key in summary",
        () => good2().replace('"format":', '"format": "selfcheck-summary/1",\n    "format":'),
        "not-json",
        { line: 4, col: 5 },
      ],
      ["a float", () => good2().replace('"seed": 42', '"seed": 42.0'), "not-json"],
      ["an exponent", () => good2().replace('"seed": 42', '"seed": 4.2e1'), "not-json"],
      [
        "a huge integer",
        () => good2().replace('"seed": 42', '"seed": 123456789012345678901234567890'),
        "not-json",
      ],
      [
        "a control character in the name",
        () => good2().replace('"Sam Patel"', '"Sam\\u0007Patel"'),
        "structure",
      ],
      [
        "a DEL character in the name",
        () => good2().replace('"Sam Patel"', '"Sam\\u007fPatel"'),
        "structure",
      ],
      [
        "an unknown key in summary",
        () => good2().replace('"format":', '"comment": "hi",\n    "format":'),
        "structure",
      ],
      ["a byte-order mark", () => `\uFEFF${good2()}`, "bom", { line: 1, col: 1 }],
      [
        "invalid UTF-8",
        () =>
          new Uint8Array([...bytes(good2().slice(0, 40)), 0xff, 0xfe, ...bytes(good2().slice(40))]),
        "encoding",
      ],
      ["an empty file", () => "", "empty"],
      ["whitespace only", () => "  \n", "empty"],
      ["not JSON", () => "summary: yes\n", "not-json", { line: 1, col: 1 }],
      ["JSON that is not a summary", () => "[1, 2, 3]", "structure"],
      ["trailing text after the JSON", () => `${good2()}garbage`, "not-json"],
      [
        "a file over the size cap",
        () => good2().replace('"Sam Patel"', `"${"a".repeat(MAX_SUMMARY_BYTES)}"`),
        "too-large",
      ],
    ];
    it.each(cases)("%s", (_name, make, code, position) => {
      const outcome = verify(make());
      expect(outcome.status).toBe("malformed");
      expect(outcome.code).toBe(code);
      if (position) expect({ line: outcome.line, col: outcome.col }).toEqual(position);
    });
  });

  describe("trust and time", () => {
    it("expired: valid-until has passed (and --at can look at another date)", () => {
      expect(verify(good, trusted.signers, new Date("2028-01-01T00:00:00Z"))).toMatchObject({
        status: "rejected",
        code: "expired",
      });
      expect(verify(good, trusted.signers, new Date("2027-11-23T00:00:00Z")).status).toBe(
        "verified",
      );
    });

    it.each([
      ['valid-before="20261130"', "key-expired"],
      ['valid-after="20270101"', "key-not-yet-valid"],
      ['namespaces="file,git"', "namespace-not-allowed"],
    ])("a key outside its allowed_signers window or namespaces: %s", (option, code) => {
      const line = trusted.line.replace(/namespaces="[^"]*"/, option);
      const { signers } = parseAllowedSigners(line, "allowed_signers");
      expect(verify(good, signers)).toMatchObject({ status: "rejected", code });
    });

    it("a wildcard principal pattern trusts the key; a negated one does not", () => {
      const wild = parseAllowedSigners(
        trusted.line.replace(/^\S+/, "*@school.example"),
        "a",
      ).signers;
      expect(verify(good, wild).status).toBe("verified");
      const negated = parseAllowedSigners(
        trusted.line.replace(/^\S+/, '"*@school.example,!trainer@school.example"'),
        "a",
      ).signers;
      expect(verify(good, negated).code).toBe("principal-not-allowed");
    });

    it("an unknown bank hash when a bank is required", () => {
      const outcome = verifySummaryBytes(bytes(good), {
        signers: trusted.signers,
        at,
        trainers: TRAINERS,
        bankHashes: new Set(["0".repeat(64)]),
      });
      expect(outcome).toMatchObject({ status: "rejected", code: "unknown-bank" });
      expect(
        verifySummaryBytes(bytes(good), {
          signers: trusted.signers,
          at,
          trainers: TRAINERS,
          bankHashes: new Set([bank.sha256]),
        }).status,
      ).toBe("verified");
    });
  });
});

describe("who may attest for whom", () => {
  const alice = { name: "Alice Smith", email: "alice@school.example", staffId: null };
  const attest = (
    principal: string,
    trainers: string[] | undefined,
    person: Partial<Summary["person"]> = alice,
  ) => {
    const key = trustedKey(principal);
    return verifySummaryBytes(bytes(signSummary(sampleSummary(bank, person, principal), key.key)), {
      signers: key.signers,
      at,
      ...(trainers ? { trainers } : {}),
    });
  };

  it("the person themselves: the signer principal is the summary's email (any case)", () => {
    expect(attest("alice@school.example", undefined).status).toBe("verified");
    expect(attest("Alice@School.example", undefined).status).toBe("verified");
  });

  it("a colleague's trusted key does not verify for Alice, whatever else is in order", () => {
    expect(attest("bob@school.example", undefined)).toMatchObject({
      status: "rejected",
      code: "may-not-attest",
      reason: expect.stringMatching(/^signer bob@school\.example may not attest for alice@school\.example/),
    });
    expect(attest("bob@school.example", ["trainer@school.example"]).code).toBe("may-not-attest");
  });

  it("a trainer, named exactly or by an allowed_signers pattern, attests for anyone", () => {
    expect(attest("trainer@school.example", ["trainer@school.example"]).status).toBe("verified");
    expect(attest("ms.jones@school.example", ["*@school.example,!alice*"]).status).toBe("verified");
    expect(attest("ms.jones@school.example", ["!ms.jones*,*@school.example"]).code).toBe("may-not-attest");
    expect(attest("trainer@school.example", []).code).toBe("may-not-attest");
  });

  it("a summary with no email is named by the person's name", () => {
    const noEmail = { name: "Sam Patel", email: null, staffId: "T-042" };
    expect(attest("sam@school.example", undefined, noEmail).reason).toMatch(/may not attest for Sam Patel/);
  });
});

describe("a trusted key that signed nonsense", () => {
  it("is rejected as inconsistent, not verified", async () => {
    const { signedBytes } = await import("../../src/summary/canonical-json.js");
    const { signMessage } = await import("../../src/summary/sshsig.js");
    const summary = sampleSummary(bank);
    const broken = {
      ...summary,
      overall: { ...summary.overall, correct: summary.overall.correct + 1 },
    };
    const sshsig = signMessage(trusted.key, "selfcheck-summary-v1", signedBytes(broken));
    const outcome = verify(
      JSON.stringify({ summary: broken, signature: { namespace: "selfcheck-summary-v1", sshsig } }),
    );
    expect(outcome).toMatchObject({ status: "rejected", code: "inconsistent" });
    expect(outcome.reason).toContain("overall counts do not add up");
  });
});

describe("summary formats: the public-knowledge test stays private", () => {
  const answered = (publicTest: string[]) =>
    new Map<string, string[]>([
      ["alpha-photo", ["never"]],
      ["alpha-who", ["head"]],
      ["alpha-report", ["yes"]],
      ["beta-password", ["keep"]],
      ["beta-teacher-only", ["bound"]],
      ["beta-public-test", publicTest],
    ]);
  const summaryOf = async (publicTest: string[]) => {
    const { scoreAnswers } = await import("../../src/engine/score.js");
    const { buildSummary } = await import("../../src/summary/build-summary.js");
    const result = scoreAnswers(bank, answered(publicTest));
    return { result, summary: buildSummary({ ...sampleInput(), bank, result }) };
  };
  const sampleInput = () => ({
    toolVersion: "0.1.0",
    person: { name: "Sam Patel", role: "teacher", staffId: null, email: null },
    principal: "trainer@school.example",
    session: null,
    mode: "self" as const,
    seed: 1,
    startedAt: new Date("2026-11-24T10:00:00Z"),
    finishedAt: new Date("2026-11-24T10:10:00Z"),
  });

  it("format 2 records that the test was completed, and a yes changes no recorded result", async () => {
    const yes = await summaryOf(["happy"]);
    const no = await summaryOf([]);
    // The person's own result still says review; the summary does not.
    expect(yes.result.sections.find((s) => s.id === "beta")?.result).toBe("review");
    expect(yes.summary.format).toBe("selfcheck-summary/2");
    expect(yes.summary.sections).toEqual(no.summary.sections);
    expect(yes.summary.overall).toEqual(no.summary.overall);
    expect(yes.summary.overall.result).toBe("pass");
    expect(yes.summary.publicTestCompleted).toBe(true);
    expect(JSON.stringify(yes.summary)).toBe(JSON.stringify(no.summary));
    expect(JSON.stringify(yes.summary)).not.toMatch(/flag|review|happy/i);
  });

  it("a volunteer never asked the test is recorded as not having completed it", async () => {
    const { scoreAnswers } = await import("../../src/engine/score.js");
    const { buildSummary } = await import("../../src/summary/build-summary.js");
    const noTest = { ...bank, sections: bank.sections.map((s) => ({ ...s, questions: s.questions.filter((q) => q.type !== "public-test") })) };
    const summary = buildSummary({ ...sampleInput(), bank: noTest, result: scoreAnswers(noTest, answered([])) });
    expect(summary.publicTestCompleted).toBe(false);
  });

  it("a format-2 summary that records a review is not a readable summary", async () => {
    const { signedBytes } = await import("../../src/summary/canonical-json.js");
    const { signMessage } = await import("../../src/summary/sshsig.js");
    const { summary } = await summaryOf([]);
    const review = { ...summary, overall: { ...summary.overall, result: "review" } };
    const sshsig = signMessage(trusted.key, "selfcheck-summary-v1", signedBytes(review));
    const outcome = verify(JSON.stringify({ summary: review, signature: { namespace: "selfcheck-summary-v1", sshsig } }));
    expect(outcome).toMatchObject({ status: "malformed", code: "structure" });
    expect(outcome.reason).toContain("overall.result");
  });

  it("format 1 still verifies, read without its public-test flag: its review reads as pass", async () => {
    const { signedBytes } = await import("../../src/summary/canonical-json.js");
    const { signMessage } = await import("../../src/summary/sshsig.js");
    const { summary } = await summaryOf([]);
    // What version 0.1 wrote for a person who answered yes.
    const { publicTestCompleted: _completed, ...rest } = summary;
    const format1 = {
      ...rest,
      format: "selfcheck-summary/1",
      overall: { ...summary.overall, result: "review" },
      sections: summary.sections.map((s) => ({ ...s, result: s.id === "beta" ? "review" : s.result, flagged: s.id === "beta" })),
      publicTestFlagged: true,
    };
    const sshsig = signMessage(trusted.key, "selfcheck-summary-v1", signedBytes(format1));
    const file = JSON.stringify({ summary: format1, signature: { namespace: "selfcheck-summary-v1", sshsig } });
    const outcome = verify(file);
    expect(outcome).toMatchObject({ status: "verified" });
    expect(outcome.summary?.format).toBe("selfcheck-summary/1");
    expect(outcome.summary?.overall.result).toBe("pass");
    expect(outcome.summary?.sections.map((s) => s.result)).toEqual(["pass", "pass"]);
    expect(outcome.summary?.publicTestCompleted).toBeNull();
    expect(JSON.stringify(outcome.summary)).not.toMatch(/flag|review/i);
    // The signature still covers the bytes as written: an edit to the old flag is caught.
    const edited = JSON.parse(file);
    edited.summary.publicTestFlagged = false;
    expect(verify(JSON.stringify(edited)).code).toBe("signature-invalid");
  });
});
