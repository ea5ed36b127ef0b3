from goldenthread.cli.main import main

main()
