# The peer: the same analyses a researcher would script in R (data.table, sandwich, metafor,
# nnet, survival). Crude table and tests, effects by office with Holm and a REML meta-analysis,
# CMH by office and by counsellor, adjusted logistic model with counsellor-clustered SEs (and
# clubSandwich's CR2 with Satterthwaite df when there are fewer than 30 counsellors); the
# primary AIPW effect on hybrid users and the IPW one, each with the stacked estimating-equation
# sandwich clustered by counsellor (tests/fixtures/r/att.R without its numerical check of J);
# the multinomial model of all four outcomes (nnet::multinom, default control) with the
# person-score sandwich by counsellor and the Wald test of equal hybrid effects; exact
# conditional logistic regression within counsellor (survival::clogit); E-values. Time to
# outcome: Aalen-Johansen cumulative incidence by group for the four outcomes and for work or
# education at the horizons and at every month (survfit with a factor status), Gray's test
# (cmprsk::cuminc), the cause-specific Cox model stratified by office with counsellor-clustered
# variance (coxph), and Fine-Gray with office dummies (finegray + coxph: crr is quadratic).
# Usage: Rscript bench/peer.R DIR
suppressPackageStartupMessages({ library(data.table); library(sandwich); library(metafor); library(nnet); library(survival); library(cmprsk) })
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
z <- qnorm(0.975)
# CR2 with Satterthwaite df (clubSandwich) only with fewer than 30 counsellors
if (length(unique(reg$counsellor_id)) < 30) clubSandwich::coef_test(fit, vcov = "CR2", cluster = reg$counsellor_id, test = "Satterthwaite")
# The persons with every covariate, for the models fitted without glm's NA handling
p <- reg[!is.na(age) & !is.na(prior_work) & gender != ""]
# ATT by normalised weighting, augmented with an outcome model among usual users (AIPW) or
# not (IPW), with the stacked estimating-equation sandwich clustered by counsellor, G/(G-1):
# tests/fixtures/r/att.R without its numerical check of J
att <- function(p, augmented) {
  A <- p$hybrid; Y <- p$y
  X <- model.matrix(~ factor(office) + age + gender + prior_work, data = p)
  alpha <- glm.fit(X, A, family = binomial())$coefficients
  e <- plogis(drop(X %*% alpha)); w <- e / (1 - e)
  m <- if (augmented) plogis(drop(X %*% glm.fit(X[A == 0, ], Y[A == 0], family = binomial())$coefficients)) else 0 * e
  mu1 <- sum(A * Y) / sum(A); eta1 <- sum(A * m) / sum(A); eta2 <- sum((1 - A) * w * (Y - m)) / sum((1 - A) * w)
  pa <- ncol(X); pg <- if (augmented) pa else 0; k <- pa + pg
  J <- matrix(0, k + 3, k + 3)
  J[1:pa, 1:pa] <- -crossprod(X, X * (e * (1 - e)))
  if (augmented) {
    J[pa + 1:pg, pa + 1:pg] <- -crossprod(X, X * ((1 - A) * m * (1 - m)))
    J[k + 2, pa + 1:pg] <- colSums(X * (A * m * (1 - m)))
    J[k + 3, pa + 1:pg] <- -colSums(X * ((1 - A) * w * m * (1 - m)))
  }
  J[k + 1, k + 1] <- -sum(A); J[k + 2, k + 2] <- -sum(A)
  J[k + 3, 1:pa] <- colSums(X * ((1 - A) * w * (Y - m - eta2)))
  J[k + 3, k + 3] <- -sum((1 - A) * w)
  psi <- cbind((A - e) * X, if (augmented) (1 - A) * (Y - m) * X, A * (Y - mu1), A * (m - eta1), (1 - A) * w * (Y - m - eta2))
  U <- rowsum(psi, p$counsellor_id); G <- nrow(U)
  Jinv <- solve(J)
  V <- Jinv %*% (crossprod(U) * G / (G - 1)) %*% t(Jinv)
  L <- rbind(c(rep(0, k), 1, 0, 0), c(rep(0, k), 0, 1, 1))
  Vm <- L %*% V %*% t(L); mu0 <- eta1 + eta2
  list(rd = mu1 - mu0, se_rd = sqrt(sum(c(1, -1) * (Vm %*% c(1, -1)))), rr = mu1 / mu0,
       se_lrr = sqrt(sum(c(1 / mu1, -1 / mu0) * (Vm %*% c(1 / mu1, -1 / mu0)))))
}
primary <- att(p, TRUE)
weighted <- att(p, FALSE)
# All four outcomes, none as reference (multinom's default control); the cluster sandwich of the
# person scores (y_ik - p_ik) x_i by counsellor, bread vcov(fit), G/(G-1), and the Wald test that
# the hybrid coefficient is the same for job, apprenticeship and education
p[, outcome := factor(outcome, levels = c("none", "job", "apprenticeship", "education"))]
mfit <- multinom(outcome ~ hybrid + factor(office) + age + gender + prior_work, data = p, Hess = TRUE, trace = FALSE)
X <- model.matrix(~ hybrid + factor(office) + age + gender + prior_work, data = p)
P <- fitted(mfit)
S <- do.call(cbind, lapply(2:4, function(k) ((as.integer(p$outcome) == k) - P[, k]) * X))
U <- rowsum(S, p$counsellor_id); G <- nrow(U)
bread <- vcov(mfit)
Vmn <- G / (G - 1) * bread %*% crossprod(U) %*% bread
b <- as.vector(t(coef(mfit))); h <- (0:2) * ncol(X) + 2  # hybrid in job, apprenticeship, education
L <- matrix(0, 2, length(b)); L[1, h[1:2]] <- c(1, -1); L[2, h[c(1, 3)]] <- c(1, -1)
Lb <- L %*% b
equal_effects <- drop(t(Lb) %*% solve(L %*% Vmn %*% t(L), Lb))
# Exact conditional logistic regression, counsellors as strata
cfit <- clogit(y ~ hybrid + age + gender + prior_work + strata(counsellor_id), data = p, method = "exact")
cb <- coef(cfit)["hybrid"]; cse <- sqrt(vcov(cfit)["hybrid", "hybrid"])
# E-values (VanderWeele & Ding 2017): the primary RR; the ORs taken as sqrt(OR), the outcome being common
ev <- function(rr) { if (rr < 1) rr <- 1 / rr; rr + sqrt(rr * (rr - 1)) }
ev_ci <- function(lo, hi) if (lo <= 1 && hi >= 1) 1 else if (lo > 1) ev(lo) else ev(hi)
evalues <- rbind(
  primary = c(ev(primary$rr), ev_ci(exp(log(primary$rr) - z * primary$se_lrr), exp(log(primary$rr) + z * primary$se_lrr))),
  adjusted = c(ev(sqrt(exp(est))), ev_ci(sqrt(exp(est - z * se)), sqrt(exp(est + z * se)))),
  conditional = c(ev(sqrt(exp(cb))), ev_ci(sqrt(exp(cb - z * cse)), sqrt(exp(cb + z * cse)))))
# Time to outcome: days from start to end, none competing, censored at the latest date in the data
d[, start := as.IDate(start_date)]; d[, end := as.IDate(end_date)]
extraction <- max(c(d$start, d$end), na.rm = TRUE)
tt <- d[!is.na(start) & !(!is.na(end) & end < start) & start <= extraction]
tt[, censored := outcome == "" | is.na(end) | end > extraction]
tt[, time := as.numeric(ifelse(censored, extraction - start, end - start))]
tt[, status := factor(ifelse(censored, "censored", outcome), levels = c("censored", "job", "apprenticeship", "education", "none"))]
tt[, woe := factor(ifelse(censored, "censored", ifelse(outcome == "none", "none", "woe")), levels = c("censored", "woe", "none"))]
tt[, hybrid := as.integer(group == "hybrid")]
tt[, age := as.numeric(age)]; tt[, prior_work := as.numeric(prior_work)]; tt[, female := as.integer(gender == "F")]
months <- 365.25 / 12
sfit <- survfit(Surv(time, status) ~ group, data = tt)
wfit <- survfit(Surv(time, woe) ~ group, data = tt)
at_horizons <- summary(sfit, times = c(3, 6, 12, 18) * months)
woe_horizons <- summary(wfit, times = c(3, 6, 12, 18) * months)
monthly <- summary(wfit, times = (0:floor(max(tt$time) / months)) * months, extend = TRUE)
gray <- cuminc(tt$time, as.integer(tt$woe) - 1L, tt$group, cencode = 0)$Tests
tc <- tt[!is.na(age) & !is.na(prior_work) & gender != ""]
cox <- coxph(Surv(time, woe == "woe") ~ hybrid + age + female + prior_work + strata(office), data = tc, ties = "efron", cluster = counsellor_id)
# Fine-Gray: cmprsk::crr is quadratic in the persons (over 7 CPU minutes at 100k rows, unfinished),
# so at register scale an R user fits the same model by survival::finegray + coxph
tc[, fgstatus := factor(woe, levels = c("censored", "woe", "none"))]
fgd <- finegray(Surv(time, fgstatus) ~ ., data = tc[, .(time, fgstatus, hybrid, age, female, prior_work, office)], etype = "woe")
fg <- coxph(Surv(fgstart, fgstop, fgstatus) ~ hybrid + age + female + prior_work + factor(office), data = fgd, weights = fgwt)
# ATT-weighted difference in work or education at 6 and 12 months with a cluster bootstrap over
# counsellors within offices (999 replicates): each replicate refits the propensity model and the
# weighted Aalen-Johansen curves, the clusters' multiplicities as frequency weights (the same fit
# as duplicating their rows). 999 replicates take R a minute at 2,455 rows and hours at 1M, so it
# runs BOOT_TIMED (default 20) and bench/run.mjs scales their measured time to 999.
woe_at <- function(rows, w) {
  s <- summary(survfit(Surv(time, woe) ~ 1, weights = w[rows], data = tc[rows]), times = c(6, 12) * months, extend = TRUE)
  s$pstate[, match("woe", s$states)]
}
att_difference <- function(f) {
  keep <- f > 0
  ps <- rep(NA_real_, nrow(tc))
  ps[keep] <- fitted(suppressWarnings(glm(hybrid ~ factor(office) + age + female + prior_work, family = binomial, data = tc[keep], weights = f[keep])))
  w <- ifelse(tc$hybrid == 1, f, f * ps / (1 - ps))
  woe_at(keep & tc$hybrid == 1, w) - woe_at(keep & tc$hybrid == 0, w)
}
point <- att_difference(rep(1, nrow(tc)))
units <- unique(tc[, .(office, counsellor_id)])
unit_of <- match(paste(tc$office, tc$counsellor_id), paste(units$office, units$counsellor_id))
by_office <- split(seq_len(nrow(units)), units$office)
boot_timed <- as.integer(Sys.getenv("BOOT_TIMED", "20"))
set.seed(1)
boot_start <- proc.time()[["elapsed"]]
replicates <- sapply(seq_len(boot_timed), function(b) {
  drawn <- unlist(lapply(by_office, function(u) u[sample.int(length(u), length(u), replace = TRUE)]), use.names = FALSE)
  att_difference(tabulate(drawn, nrow(units))[unit_of])
})
boot_seconds <- proc.time()[["elapsed"]] - boot_start
cat(sprintf("bootstrap_seconds %.6f replicates %d weighted difference %.6g %.6g\n", boot_seconds, boot_timed, point[1], point[2]))
cat(sprintf("gray %.6g cox HR %.6g Fine-Gray SHR %.6g\n", gray[1, "stat"], exp(coef(cox)["hybrid"]), exp(coef(fg)["hybrid"])))
cat(sprintf("chisq %.6g cmh %.6g OR %.6g (%.6g, %.6g) RD %.6g (%.6g, %.6g) equal effects %.6g clogit OR %.6g (%.6g, %.6g)\n",
            chi$statistic, cmh$statistic, exp(est), exp(est - 1.959964 * se), exp(est + 1.959964 * se),
            primary$rd, primary$rd - z * primary$se_rd, primary$rd + z * primary$se_rd, equal_effects,
            exp(cb), exp(cb - z * cse), exp(cb + z * cse)))
