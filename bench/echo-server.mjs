// The reference endpoint of bench/http.ts: express 5 parsing the same JSON body and answering a small
// JSON object — what any endpoint costs before doing work. Plain JavaScript, run by node itself, as the
// service's compiled build is (no loader, no transpiling). Prints its URL on stdout.
import express from "express";

const app = express();
app.post("/echo", express.json({ limit: "16kb" }), (req, res) => {
  res.json({ dcc: `HC1:${String(req.body.document).length}`, type: "vaccination" });
});
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}/echo\n`);
});
