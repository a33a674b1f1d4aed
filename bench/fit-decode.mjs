// FIT decoding rate of Garmin's JavaScript FIT SDK (@garmin/fitsdk), the vendor's own decoder, driven by
// the harness's FitDecodeBenchmark (docs/benchmarks.md, "Activity files") so both decoders run on the same
// files, in the same run, in alternating rounds.
//   node fit-decode.mjs <dir>   decodes every *.fit in <dir>; prints one JSON line with each file's record
//                               count, then answers each stdin line "round <seconds>" with one JSON line
//                               {decodes, bytes, seconds, records}. Warm-up rounds are rounds the caller discards.
// Each decode is what an application does with the SDK: Decoder.read() with its default options (CRC
// checked, every message converted to an object with scaled values, strings for enums, Dates for times).
import { Decoder, Stream } from "@garmin/fitsdk";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";

const dir = process.argv[2];
// Each file's bytes as an ArrayBuffer of its own, made once: the timed part does not copy them
// (Stream.fromBuffer would), as the Java side decodes from a byte[] it already holds.
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".fit"))
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, size: bytes.length, buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
  });

function decode(file) {
  const { messages, errors } = new Decoder(Stream.fromArrayBuffer(file.buffer)).read();
  if (errors.length > 0) {
    throw new Error(`${file.name}: ${errors[0].message}`);
  }
  return messages.recordMesgs?.length ?? 0;
}

function round(seconds) {
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let decodes = 0;
  let bytes = 0;
  let records = 0;
  // Whole passes over the set, so each round decodes the files in the same proportion.
  do {
    for (const file of files) {
      records += decode(file);
      bytes += file.size;
      decodes++;
    }
  } while (process.hrtime.bigint() < deadline);
  return { decodes, bytes, seconds: Number(process.hrtime.bigint() - start) / 1e9, records };
}

console.log(JSON.stringify({ files: files.map((f) => ({ name: f.name, records: decode(f) })) }));
for await (const line of createInterface({ input: process.stdin })) {
  const [command, seconds] = line.trim().split(/\s+/);
  if (command === "round") {
    console.log(JSON.stringify(round(Number(seconds))));
  }
}
