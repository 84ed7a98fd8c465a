fn main() -> std::process::ExitCode {
    jianggao::cli::main()
}
