import { describe, expect, it } from "vitest";
import { signedBytes } from "../../src/summary/canonical-json.js";
import { jq } from "../helpers/openssh.js";

/** The README's recipe rebuilds the signed bytes with the real jq; only the real tool proves it. */
describe("canonicalize (RFC 8785, restricted profile) against jq", () => {
  it("matches jq -cS byte for byte (the documented way to rebuild the signed bytes)", () => {
    const values = [
      {
        summary: {
          z: [3, 2, 1],
          a: { y: "Ünïcödé “quotes” — dash", x: "tab-free / slash" },
          n: 9007199254740991,
          m: -42,
          t: true,
          f: false,
          u: null,
        },
      },
      {
        summary: {
          name: "Łukasz Żółć 李 😀",
          emptyList: [],
          emptyObject: {},
          nested: [[{ b: 1, a: 2 }]],
        },
      },
    ];
    for (const value of values) {
      const out = jq(["-cS", ".summary"], { input: JSON.stringify(value, null, 3) });
      expect(out.toString()).toBe(signedBytes(value.summary).toString());
    }
  });
});
