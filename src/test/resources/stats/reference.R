#!/usr/bin/env Rscript
# The second, independent source of StatisticsTest's reference values: R 4.2 (Debian bookworm:
# apt-get install r-base-core), base R only. Run from this directory:
#   Rscript reference.R > reference-r.json
#
# - holm: p.adjust(p, method = "holm") (Holm 1979); NA stays NA and does not count in m.
# - power_t_test: power.t.test(n, sd = 1, power = 0.8, sig.level = 0.05, strict = TRUE)$delta, the
#   smallest effect (in sd units) n vs n seeds detect: pathlab's Welch power equals it for equal n.
# - wilcox_exact: wilcox.test(a, b, exact = TRUE)$p.value, samples without ties (R's exact
#   distribution does not take ties; reference.py covers those).
# - welch: t.test(a, b, var.equal = FALSE): p, df and conf.int.
# - mean_ci: t.test(a)$conf.int.
# - hedges_g: g = J * d, J = exp(lgamma(df/2) - log(df/2)/2 - lgamma((df-1)/2)); its 95 % CI by
#   uniroot on pt(t, df, ncp) (R's noncentral t, AS 243), as MBESS::ci.smd does, scaled by J.

num <- function(x) if (is.na(x)) "null" else sprintf("%.17g", x)
vec <- function(x) paste0("[", paste(sapply(x, num), collapse = ", "), "]")

holm_cases <- list(
  c(0.01, 0.04, 0.03),
  c(0.001, 0.2, 0.03, 0.04, 0.5),
  c(0.049),
  c(0.02, NA, 0.02, 0.9),
  c(0.3, 0.01, 0.3, 0.012, 0.04, 0.0001),
  c(0.5, 0.6)
)
holm <- sapply(holm_cases, function(p) sprintf('{"p": %s, "adjusted": %s}', vec(p), vec(p.adjust(p, "holm"))))

power <- sapply(c(2, 3, 4, 5, 8, 10, 20, 30), function(n) {
  sprintf('{"n": %d, "effect": %s}', n,
          num(power.t.test(n = n, sd = 1, power = 0.8, sig.level = 0.05, strict = TRUE, tol = 1e-12)$delta))
})

samples <- list(
  "two-vs-two" = list(c(0.61, 0.58), c(0.55, 0.57)),
  "three-vs-three-separated" = list(c(0.62, 0.64, 0.66), c(0.55, 0.57, 0.56)),
  "five-vs-three" = list(c(0.6488, 0.5091, 0.5501, 0.6151, 0.5110), c(0.6494, 0.5116, 0.5224)),
  "paper-sized" = list(c(0.571, 0.612, 0.598, 0.634, 0.587, 0.605, 0.622, 0.579, 0.640, 0.593), c(0.533, 0.548, 0.541)),
  "five-vs-five" = list(c(0.48, 0.51, 0.47, 0.52, 0.50), c(0.55, 0.53, 0.58, 0.54, 0.56)),
  "equal-sizes" = list(c(2.1, 2.4, 1.9, 2.8, 2.2, 2.6), c(1.7, 1.6, 2.0, 1.8, 1.5, 1.95))
)

hedges <- function(a, b) {
  n1 <- length(a); n2 <- length(b); df <- n1 + n2 - 2
  pooled <- sqrt(((n1 - 1) * var(a) + (n2 - 1) * var(b)) / df)
  d <- (mean(a) - mean(b)) / pooled
  j <- exp(lgamma(df / 2) - log(df / 2) / 2 - lgamma((df - 1) / 2))
  scale <- sqrt(1 / n1 + 1 / n2)
  t <- d / scale
  ncp <- function(prob) uniroot(function(nc) pt(t, df, nc) - prob, c(t - 40, t + 40), tol = 1e-13)$root
  c(j * d, j * ncp(0.975) * scale, j * ncp(0.025) * scale)
}

two <- sapply(names(samples), function(name) {
  a <- samples[[name]][[1]]; b <- samples[[name]][[2]]
  w <- t.test(a, b, var.equal = FALSE)
  m <- t.test(a)
  g <- hedges(a, b)
  sprintf('"%s": {"a": %s, "b": %s, "wilcox_exact_p": %s, "welch_p": %s, "welch_df": %s, "welch_ci": %s, "mean_ci": %s, "hedges_g": %s}',
          name, vec(a), vec(b), num(wilcox.test(a, b, exact = TRUE)$p.value), num(w$p.value), num(w$parameter),
          vec(w$conf.int), vec(m$conf.int), vec(g))
})

cat(sprintf('{\n "r": "%s",\n "holm": [\n  %s\n ],\n "power_t_test": [\n  %s\n ],\n "two_sample": {\n  %s\n }\n}\n',
            R.version.string, paste(holm, collapse = ",\n  "), paste(power, collapse = ",\n  "),
            paste(two, collapse = ",\n  ")))
