# The peer: the same analysis a researcher would script in R (data.table, sandwich, metafor).
# Crude table and tests, effects by office with Holm and a REML meta-analysis, CMH by office
# and by counsellor, adjusted logistic model with counsellor-clustered SEs.
# Usage: Rscript bench/peer.R DIR
suppressPackageStartupMessages({ library(data.table); library(sandwich); library(metafor) })
dir <- commandArgs(TRUE)[1]
files <- sort(list.files(dir, pattern = "\\.csv$", full.names = TRUE))
d <- rbindlist(lapply(files, fread, colClasses = "character", na.strings = NULL, encoding = "UTF-8"))
reg <- d[outcome != ""]
tab <- table(factor(reg$group, levels = c("hybrid", "usual")),
             factor(reg$outcome, levels = c("job", "apprenticeship", "education", "none")))
n <- rowSums(tab)
for (o in colnames(tab)) for (g in rownames(tab)) prop.test(tab[g, o], n[g], correct = FALSE)
chi <- suppressWarnings(chisq.test(tab, correct = FALSE))
reg[, y := as.integer(outcome != "none")]
reg[, hybrid := as.integer(group == "hybrid")]
m <- table(factor(reg$hybrid, levels = 1:0), factor(reg$y, levels = 1:0))
fisher.test(m)
suppressWarnings(chisq.test(m, correct = FALSE))
arr <- table(factor(reg$hybrid, levels = 1:0), factor(reg$y, levels = 1:0), reg$office)
cmh <- mantelhaen.test(arr, correct = FALSE)
# Effects by office: Fisher p with Holm, and the REML meta-analysis of the log odds ratios
cells <- reg[, .(a = sum(hybrid == 1 & y == 1), b = sum(hybrid == 1 & y == 0), c = sum(hybrid == 0 & y == 1), d = sum(hybrid == 0 & y == 0)), by = office]
cells <- cells[a + b > 0 & c + d > 0]
holm <- p.adjust(sapply(seq_len(nrow(cells)), function(k) fisher.test(matrix(c(cells$a[k], cells$c[k], cells$b[k], cells$d[k]), 2))$p.value), method = "holm")
es <- escalc(measure = "OR", ai = cells$a, bi = cells$b, ci = cells$c, di = cells$d)
meta <- rma(es$yi, es$vi, method = "REML")
# Within counsellor: counsellors as strata
byc <- table(factor(reg$hybrid, levels = 1:0), factor(reg$y, levels = 1:0), reg$counsellor_id)
byc <- byc[, , apply(byc, 3, sum) >= 2, drop = FALSE]; storage.mode(byc) <- "double"
cmhc <- mantelhaen.test(byc, correct = FALSE)
reg[, age := as.numeric(age)]
reg[, prior_work := as.integer(prior_work)]
fit <- glm(y ~ hybrid + factor(office) + age + gender + prior_work, family = binomial, data = reg)
v <- vcovCL(fit, cluster = ~ counsellor_id, type = "HC0", cadjust = TRUE)
est <- coef(fit)["hybrid"]; se <- sqrt(v["hybrid", "hybrid"])
cat(sprintf("chisq %.6g cmh %.6g OR %.6g (%.6g, %.6g)\n", chi$statistic, cmh$statistic, exp(est),
            exp(est - 1.959964 * se), exp(est + 1.959964 * se)))
