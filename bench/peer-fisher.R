# R's own Fisher exact test on the 2 x 4 outcome table the report tests (which
# bench/peer.R leaves out): with the default workspace fisher.test() fails on large
# tables ("FEXACT error 6"), so it is given a larger one.
# Usage: Rscript bench/peer-fisher.R DIR   (prints the table, the p-value and the time)
#        Rscript bench/peer-fisher.R --sizes 2500,10000,30000
#          (the tables of bench/fisher.mjs: the simulated pilot's proportions scaled to n
#          persons; bench/fisher.mjs --r runs one size per process, stopped after a time limit:
#          R's setTimeLimit does not reach into FEXACT's C code)
args <- commandArgs(TRUE)
if (length(args) >= 1 && args[1] == "--sizes") {
  sizes <- as.numeric(strsplit(args[2], ",")[[1]])
  pilot <- rbind(c(12592, 5057, 7599, 27933), c(132446, 52760, 79726, 643320))
  for (n in sizes) {
    tab <- round(pilot * n / sum(pilot))
    start <- proc.time()[["elapsed"]]
    res <- tryCatch(fisher.test(tab, workspace = 2e9)$p.value, error = function(e) conditionMessage(e))
    elapsed <- proc.time()[["elapsed"]] - start
    if (is.numeric(res)) cat(sprintf("n = %d: p = %.16g in %.2f s\n", as.integer(n), res, elapsed))
    else cat(sprintf("n = %d: failed after %.1f s: %s\n", as.integer(n), elapsed, gsub("\n", " ", res)))
  }
  quit(save = "no")
}
suppressPackageStartupMessages(library(data.table))
dir <- args[1]
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
