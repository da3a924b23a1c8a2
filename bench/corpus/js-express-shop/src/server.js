require("dotenv").config();
const express = require("express");
const cors = require("cors");
const helmet = require("helmet");
const morgan = require("morgan");

const productRoutes = require("./routes/products");
const orderRoutes = require("./routes/orders");

const app = express();
app.use(helmet());
// expect: permissive-cors
app.use(cors());
app.use(express.json());
app.use(morgan("combined"));

app.use("/api/products", productRoutes);
app.use("/api/orders", orderRoutes);

app.get("/healthz", (req, res) => res.json({ ok: true }));

const port = process.env.PORT || 3000;
app.listen(port, () => console.log(`shop api listening on ${port}`));
