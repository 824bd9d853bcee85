# R's own Fisher exact test on the 2 x 4 outcome table the report tests (which
# bench/peer.R leaves out): with the default workspace fisher.test() fails on large
# tables ("FEXACT error 6"), so it is given workspace = 2e8.
# Usage: Rscript bench/peer-fisher.R DIR   (prints the table, the p-value and the time)
suppressPackageStartupMessages(library(data.table))
dir <- commandArgs(TRUE)[1]
files <- sort(list.files(dir, pattern = "\\.csv$", full.names = TRUE))
d <- rbindlist(lapply(files, fread, colClasses = "character", na.strings = NULL, encoding = "UTF-8"))
reg <- d[outcome != ""]
tab <- table(factor(reg$group, levels = c("hybrid", "usual")),
             factor(reg$outcome, levels = c("job", "apprenticeship", "education", "none")))
print(tab)
default <- try(fisher.test(tab), silent = TRUE)
if (inherits(default, "try-error")) cat("default workspace:", conditionMessage(attr(default, "condition")), "\n")
elapsed <- system.time(res <- fisher.test(tab, workspace = 2e8))[["elapsed"]]
cat(sprintf("fisher.test(workspace = 2e8): p = %.16g in %.1f s\n", res$p.value, elapsed))
