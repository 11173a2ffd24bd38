const express = require("express");
const { summarize } = require("../services/llm");

const router = express.Router();
router.post("/", async (req, res) => res.json({ summary: await summarize(req.body.text) }));
module.exports = router;
