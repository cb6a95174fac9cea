// The reference endpoint of bench/http.ts: express 5 parsing the same JSON body and answering a small
// JSON object — what any endpoint costs before doing work. Prints its URL on stdout.
import express from "express";
import type { AddressInfo } from "node:net";

const app = express();
app.post("/echo", express.json({ limit: "16kb" }), (req, res) => {
  res.json({ dcc: `HC1:${String((req.body as { document: string }).document).length}`, type: "vaccination" });
});
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/echo\n`);
});
